package org.muster.cli.config;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where Muster keeps its files besides the event log: prepared road graphs, zone geometry. */
public final class DataOptions {
    public static final String DEFAULT = "data";
    /** The demo's directory, the default when the demo has written its store there (as for the store). */
    public static final String DEMO = "data/demo";

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data directory (default: $MUSTER_DATA, else " + DEMO
                    + " when the demo's store is there, else " + DEFAULT + ")")
    Optional<Path> dir = Optional.empty();

    /** The data directory a service's configuration file names, standing in for the environment and the defaults. */
    private Optional<Path> configured = Optional.empty();

    /** Takes the data directory from {@code config}'s file when {@code --data} is not given. */
    public DataOptions configuredBy(ServiceConfig config) {
        this.configured =
                config.isGiven() ? Optional.of(Path.of(config.settings().data())) : Optional.empty();
        return this;
    }

    /**
     * As {@link #configuredBy(ServiceConfig)}, and without a configuration file, for a demo's store read from
     * elsewhere ({@code --store sqlite:/tmp/demo/muster.db}), the demo's own folder, which holds its zones: the
     * data directory its server runs on.
     */
    public DataOptions configuredBy(ServiceConfig config, org.muster.store.StoreConfig store) {
        configuredBy(config);
        if (configured.isEmpty())
            this.configured = org.muster.cli.demo.DemoSettings.serverSettingsBeside(store)
                    .map(demo -> Path.of(String.valueOf(demo.get("muster.data"))));
        return this;
    }

    /**
     * Takes {@code folder} for the data directory, as {@code --data} would: a demo's folder, which holds its
     * zones ({@code ./muster board --dir}).
     */
    public DataOptions inFolder(Path folder) {
        this.dir = Optional.of(folder);
        return this;
    }

    /** Whether {@code --data} was given. */
    public boolean isGiven() {
        return dir.isPresent();
    }

    public Path dir() {
        return dir.or(() -> configured)
                .or(() -> Optional.ofNullable(System.getenv("MUSTER_DATA")).map(Path::of))
                .orElseGet(() -> StoreOptions.demoExists(Path.of("")) ? Path.of(DEMO) : Path.of(DEFAULT));
    }

    /** Prepared road graphs, one folder per OSM file and speed settings. */
    public Path graphCache() {
        return dir().resolve("graph-cache");
    }

    /** Zone geometry imported with {@code muster import zones}, one GeoJSON file per organisation. */
    public Path zonesDir() {
        return dir().resolve("zones");
    }
}
