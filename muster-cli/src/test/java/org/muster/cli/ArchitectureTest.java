package org.muster.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries ARCHITECTURE.md draws, enforced: modules depend one way, the domain on the JDK alone,
 * nothing reaches into another module's {@code internal} package, no package cycles, and the parts that
 * must replay exactly read no clock and make no randomness of their own.
 */
class ArchitectureTest {
    private static JavaClasses muster;

    @BeforeAll
    static void importClasses() {
        muster = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The other modules' test fixtures come as *-tests.jar files.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.muster");
    }

    @Test
    void modulesDependOneWay() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("domain")
                .definedBy("org.muster.domain..")
                .layer("geo")
                .definedBy("org.muster.geo..")
                .layer("engine")
                .definedBy("org.muster.engine..")
                .layer("store")
                .definedBy("org.muster.store..")
                .layer("sim")
                .definedBy("org.muster.sim..")
                .layer("server")
                .definedBy("org.muster.server..")
                .layer("cli")
                .definedBy("org.muster.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("server")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("sim")
                .mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers("sim", "server", "cli")
                .whereLayer("geo")
                .mayOnlyBeAccessedByLayers("engine", "sim", "server", "cli")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("geo", "engine", "store", "sim", "server", "cli")
                .check(muster);
    }

    @Test
    void theDomainDependsOnTheJdkAlone() {
        noClasses()
                .that()
                .resideInAPackage("org.muster.domain..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("org.muster.domain..", "java..")
                .check(muster);
    }

    @Test
    void nothingReachesIntoAnotherModulesInternals() {
        for (String module : new String[] {"geo", "engine", "store", "sim", "server", "cli"}) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.muster." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.muster." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(muster);
        }
    }

    /**
     * A capability's {@code internal} package implements the interfaces at its root and is part of the
     * same slice: the cycle that matters is between capabilities.
     */
    @Test
    void noPackageCycles() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String pkg = javaClass.getPackageName();
                        if (!pkg.startsWith("org.muster.")) return SliceIdentifier.ignore();
                        int internal = pkg.indexOf(".internal");
                        return SliceIdentifier.of(internal < 0 ? pkg : pkg.substring(0, internal));
                    }

                    @Override
                    public String getDescription() {
                        return "packages of org.muster, each with its internal package";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(muster);
    }

    @Test
    void domainEngineAndSimulatorReadNoClockAndMakeNoRandomness() {
        var rule = noClasses()
                .that()
                .resideInAnyPackage("org.muster.domain..", "org.muster.engine..", "org.muster.sim..")
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callConstructor(Random.class)
                .orShould()
                .callMethod(Math.class, "random");
        rule.check(muster);
    }
}
