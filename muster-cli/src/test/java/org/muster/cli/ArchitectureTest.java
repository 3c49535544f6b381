package org.muster.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
                // ArchUnit knows test classes by target/test-classes; a build with another target folder
                // (-Dmuster.target=...) puts them in <that folder>/test-classes
                .withImportOption(location -> !location.contains("/test-classes/"))
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
                .layer("interop")
                .definedBy("org.muster.interop..")
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
                .whereLayer("interop")
                .mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers("sim", "server", "cli")
                .whereLayer("geo")
                .mayOnlyBeAccessedByLayers("engine", "sim", "server", "cli")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("geo", "engine", "store", "sim", "interop", "server", "cli")
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

    /**
     * An {@code internal} package, at any depth ({@code org.muster.store.internal}, {@code
     * org.muster.geo.road.internal}), is its capability's own: only the package that holds it and that
     * package's subpackages may use it.
     */
    @Test
    void nothingReachesIntoAnotherCapabilitysInternals() {
        noClasses()
                .should(new ArchCondition<JavaClass>("use an internal package of another capability") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            String target = d.getTargetClass().getPackageName();
                            if (!target.startsWith("org.muster.")) continue;
                            int internal = (target + ".").indexOf(".internal.");
                            if (internal < 0) continue;
                            String owner = target.substring(0, internal);
                            String from = origin.getPackageName();
                            if (!(from.equals(owner) || from.startsWith(owner + ".")))
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                })
                .check(muster);
    }

    /** Libraries that are one module's business, kept there (ARCHITECTURE.md, "Libraries"). */
    @Test
    void eachLibraryStaysInTheModuleThatOwnsIt() {
        only("org.muster.geo..", "com.graphhopper..", "org.locationtech.jts..", "com.uber.h3core..");
        only("org.muster.store..", "org.flywaydb..", "com.zaxxer.hikari..", "org.sqlite..", "org.postgresql..");
        only("org.muster.server..", "org.springframework..");
        only("org.muster.store..", "java.sql..", "javax.sql..");
        // interchange documents: the JSON-schema validator and the Jackson it reads trees with (Jackson 3, not
        // the store's codec), kept in interop, which hands the others text
        only("org.muster.interop..", "com.networknt..", "tools.jackson..");
        // JSON: the store's one codec, geo's GeoJSON and region manifest, the benchmarks' output; the server
        // speaks JSON through the store's codec and Spring's, and the simulator writes its files itself
        noClasses()
                .that()
                .resideOutsideOfPackages("org.muster.store..", "org.muster.geo..", "org.muster.cli.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..")
                .check(muster);
    }

    /**
     * The engine states what it needs of geography as geo's interfaces ({@code TravelTimes}, {@code
     * CellIndex}, {@code ZoneLookup}) and uses geo's values; the classes that implement those interfaces
     * ({@code RoadNetwork}, {@code ZoneIndex}, the H3 cell index) are chosen and made by whoever wires a
     * service (the node, the CLI, the simulator, tests), so the way roads are searched or cells are cut
     * can change without touching the engine.
     */
    @Test
    void theEngineUsesGeosInterfacesAndValuesOnly() {
        // the rule would pass vacuously if the predicate matched nothing: it must see the implementations
        assertThat(muster.stream().filter(GEO_IMPLEMENTATION::test).map(JavaClass::getSimpleName))
                .contains("RoadNetwork", "ZoneIndex", "H3CellIndex");
        noClasses()
                .that()
                .resideInAPackage("org.muster.engine..")
                .should()
                .dependOnClassesThat(GEO_IMPLEMENTATION)
                .check(muster);
    }

    /** A class of geo that implements one of geo's interfaces: an implementation behind a seam. */
    private static final DescribedPredicate<JavaClass> GEO_IMPLEMENTATION =
            new DescribedPredicate<>("implement an interface of geo") {
                @Override
                public boolean test(JavaClass c) {
                    return c.getPackageName().startsWith("org.muster.geo")
                            && !c.isInterface()
                            && c.getAllRawInterfaces().stream()
                                    .anyMatch(i -> i.getPackageName().startsWith("org.muster.geo"));
                }
            };

    private static void only(String owner, String... libraries) {
        noClasses()
                .that()
                .resideOutsideOfPackage(owner)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(libraries)
                .allowEmptyShould(true)
                .check(muster);
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
                .callMethod(Math.class, "random")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalTime.class, "now")
                .orShould()
                .callMethod(ThreadLocalRandom.class, "current")
                .orShould()
                .callMethod(UUID.class, "randomUUID")
                .orShould()
                .callConstructor(SecureRandom.class)
                .orShould()
                .callMethod(SecureRandom.class, "getInstanceStrong")
                .orShould()
                .callConstructor(SplittableRandom.class);
        rule.check(muster);
    }
}
