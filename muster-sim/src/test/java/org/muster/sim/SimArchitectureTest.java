package org.muster.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The simulator replays exactly for a seed: it reads no wall clock and makes no unseeded randomness, and
 * it drives the engine only through Engine, never its writer or store. (muster-cli's ArchitectureTest checks the module
 * boundaries once the CLI depends on this module.)
 */
class SimArchitectureTest {
    private static final JavaClasses SIM = new ClassFileImporter()
            // Tests are left out; the build's output directory is configurable, so not by the default pattern.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.muster.sim");

    @Test
    void readsNoClockAndMakesNoRandomnessOfItsOwn() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
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
                .check(SIM);
    }

    @Test
    void usesNeitherTheWriterNorTheStoreNorInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.muster.engine.writer..", "..internal..", "org.muster.store..")
                .check(SIM);
    }
}
