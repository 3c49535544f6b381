package org.muster.cli.config;

import java.nio.file.Path;
import java.util.Optional;
import org.muster.cli.demo.DemoSettings;
import org.muster.domain.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * {@code --dir}: a demo's folder, as {@code ./muster demo --dir} names it, read by the commands that read its log
 * ({@code board}, {@code report sitrep}, {@code state}, {@code audit verify}, {@code aid hours}): its store, the
 * settings its dashboard judges by, and its zones, in place of {@code --store} and {@code --data}.
 */
public final class DemoFolderOption {
    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "A demo's folder, as ./muster demo --dir and ./muster project --dir name it: its store"
                    + " (DIR/muster.db), the settings its dashboard judges by, and its zones; in place of --store"
                    + " and --data (default: as --store and --data say)")
    Optional<Path> dir = Optional.empty();

    /**
     * Points {@code store} and {@code data} at the demo's folder when {@code --dir} is given; refused, changing
     * nothing, when a configuration file, {@code --store} or {@code --data} is given too.
     */
    public void applyTo(ServiceConfig config, StoreOptions store, DataOptions data) {
        if (dir.isEmpty()) return;
        if (data.isGiven()) refuse();
        applyTo(config, store);
        data.inFolder(dir.get());
    }

    /**
     * As {@link #applyTo(ServiceConfig, StoreOptions, DataOptions)}, for a command that reads the store alone
     * ({@code state}, {@code audit verify}): the demo's settings beside its store come with it.
     */
    public void applyTo(ServiceConfig config, StoreOptions store) {
        if (dir.isEmpty()) return;
        if (config.isGiven() || store.url.isPresent()) refuse();
        store.url = Optional.of("sqlite:" + DemoSettings.existingStoreIn(dir.get()));
    }

    private void refuse() {
        throw InvalidInputException.of(
                "--dir",
                dir.orElseThrow(),
                "names a demo's store, settings and zones itself: give it alone, or --config, --store and"
                        + " --data for a deployment");
    }
}
