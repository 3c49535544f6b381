package org.muster.cli.config;

import java.nio.file.Path;
import java.util.Optional;
import org.muster.cli.demo.DemoSettings;
import org.muster.domain.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * {@code --dir}: a demo's folder, as {@code ./muster demo --dir} names it, read by the commands that report from
 * the log ({@code board}, {@code report sitrep}): its store, the settings its dashboard judges by, and its zones, in
 * place of {@code --store} and {@code --data}.
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
        Path folder = dir.get();
        if (config.isGiven() || store.url.isPresent() || data.isGiven())
            throw InvalidInputException.of(
                    "--dir",
                    folder,
                    "names a demo's store, settings and zones itself: give it alone, or --config, --store and"
                            + " --data for a deployment");
        store.url = Optional.of("sqlite:" + DemoSettings.existingStoreIn(folder));
        data.inFolder(folder);
    }
}
