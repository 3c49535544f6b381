package org.muster.cli.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.muster.server.MusterProperties;
import org.muster.server.app.MusterServer;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: a service's configuration file, read as {@code ./muster serve --config FILE} reads it
 * ({@link MusterServer#settings}: the file, then the environment over it), taken by every command that reads or
 * writes a store, so that one that judges, ranks or decides does so under the service's own targets, dispatch
 * policy and escalation rather than the defaults. Its store and data directory stand in for {@code --store} and {@code --data} when those are
 * not given ({@link StoreOptions#configuredBy}, {@link DataOptions#configuredBy}).
 */
public final class ServiceConfig {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The service's configuration file, read as ./muster serve --config reads it: its targets,"
                    + " dispatch policy and escalation, and its store (and data directory, where the command reads"
                    + " one) unless the command's own options name them (default: none; the national targets and"
                    + " the default rules)")
    Optional<Path> file = Optional.empty();

    private MusterProperties settings;

    /** The settings the file makes, or Muster's defaults without one. */
    public MusterProperties settings() {
        if (settings == null)
            settings = file.isPresent() ? MusterServer.settings(file, Map.of()) : MusterProperties.of(Map.of());
        return settings;
    }

    /**
     * The settings to judge {@code store}'s events by: the file's when one is given; a demo's server's when {@code
     * store} is a demo's (its forces' own targets, which its dashboard judges by); else Muster's defaults.
     */
    public MusterProperties settingsFor(org.muster.store.StoreConfig store) {
        if (file.isPresent()) return settings();
        return org.muster.cli.demo.DemoSettings.serverSettingsBeside(store)
                .map(demo -> MusterServer.settings(Optional.empty(), demo))
                .orElseGet(this::settings);
    }

    /**
     * The settings as the server would read them with {@code overrides} (a command's own {@code --store}, ...):
     * the file when one is given, the environment, then the overrides.
     */
    public MusterProperties settingsWith(Map<String, Object> overrides) {
        return MusterServer.settings(file, overrides);
    }

    /** Whether a file was given. */
    public boolean isGiven() {
        return file.isPresent();
    }
}
