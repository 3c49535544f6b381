package org.muster.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The simulator replays exactly for a seed and drives the engine only through Engine, never its writer or
 * store. (muster-cli's ArchitectureTest checks the module boundaries, the wall clock and randomness.)
 */
class SimArchitectureTest {
    private static final JavaClasses SIM = new ClassFileImporter()
            // Tests are left out; the build's output directory is configurable, so not by the default pattern.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.muster.sim");

    /**
     * muster-cli's ArchitectureTest keeps the wall clock and unseeded randomness out of the domain, engine
     * and simulator; the simulator, unlike the engine's timed searches, has no use for a stopwatch either.
     */
    @Test
    void keepsNoStopwatch() {
        noClasses().should().callMethod(System.class, "nanoTime").check(SIM);
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
