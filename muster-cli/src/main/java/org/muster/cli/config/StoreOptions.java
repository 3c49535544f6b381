package org.muster.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.store.StoreConfig;
import picocli.CommandLine.Option;

/**
 * Where the event log lives: {@code --store}, else {@code MUSTER_STORE}, else the demo's store ({@value
 * #DEMO}) when a demo has written one, else {@value #DEFAULT}. ({@link DataOptions} follows the same rule.) A newcomer who ran {@code ./muster demo}
 * and then {@code ./muster board} sees the demo's world, not an empty one.
 */
public final class StoreOptions {
    public static final String DEFAULT = "sqlite:data/muster.db";
    /** Where {@code ./muster demo} writes its log (its {@code --dir} is {@code data/demo} by default). */
    public static final String DEMO = "sqlite:data/demo/muster.db";

    @Option(
            names = "--store",
            paramLabel = "URL",
            description =
                    "Event log: sqlite:FILE or jdbc:postgresql://HOST/DB?user=U&password=P (default: $MUSTER_STORE,"
                            + " else the demo's " + DEMO + " when it exists, else " + DEFAULT + ")")
    public Optional<String> url = Optional.empty();

    /** The store a service's configuration file names, standing in for the environment and the defaults. */
    private Optional<String> configured = Optional.empty();

    /**
     * Takes the store from {@code config}'s file when {@code --store} is not given (the file's {@code
     * muster.store}, or {@code MUSTER_STORE} over it, as the server reads them).
     */
    public StoreOptions configuredBy(ServiceConfig config) {
        this.configured = config.isGiven() ? Optional.of(config.settings().store()) : Optional.empty();
        return this;
    }

    /** The log to write to: created when it does not exist yet (pipe, import). */
    public StoreConfig config() {
        return StoreConfig.parse(url());
    }

    /**
     * The log to read: a SQLite file that is not there is an error naming where it looked, rather than an
     * empty log created on the spot (which would answer "intact" and show an empty world).
     *
     * @throws InvalidInputException when the SQLite file does not exist
     */
    public StoreConfig existing() {
        String url = url();
        StoreConfig config = StoreConfig.parse(url);
        Optional<Path> file = config.findSqliteFile();
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            String where = this.url.isPresent()
                    ? "--store"
                    : configured.isPresent()
                            ? "--config's muster.store"
                            : System.getenv("MUSTER_STORE") != null
                                    ? "MUSTER_STORE"
                                    : "the default (the demo's " + DEMO + ", then " + DEFAULT + ")";
            throw InvalidInputException.of(
                    "--store",
                    url,
                    "must name an existing event log: there is none at "
                            + file.get().toAbsolutePath() + " (from " + where
                            + "); run ./muster demo first, or give --store");
        }
        return config;
    }

    private String url() {
        if (url.isEmpty() && configured.isPresent()) return configured.get();
        return resolve(url, Optional.ofNullable(System.getenv("MUSTER_STORE")), Path.of(""));
    }

    /** The store's URL from the option, the environment, and what exists under {@code workingDir}. */
    static String resolve(Optional<String> option, Optional<String> environment, Path workingDir) {
        if (option.isPresent()) return option.get();
        if (environment.isPresent() && !environment.get().isBlank()) return environment.get();
        return demoExists(workingDir) ? DEMO : DEFAULT;
    }

    /** Whether {@code ./muster demo} has written its log under {@code workingDir}. */
    static boolean demoExists(Path workingDir) {
        return Files.isRegularFile(
                workingDir.resolve(StoreConfig.parse(DEMO).findSqliteFile().orElseThrow()));
    }
}
