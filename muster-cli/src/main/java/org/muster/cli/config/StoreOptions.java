package org.muster.cli.config;

import java.util.Optional;
import org.muster.store.StoreConfig;
import picocli.CommandLine.Option;

/** Where the event log lives: {@code --store}, else {@code MUSTER_STORE}, else a SQLite file under ./data. */
public final class StoreOptions {
    public static final String DEFAULT = "sqlite:data/muster.db";

    @Option(
            names = "--store",
            paramLabel = "URL",
            description =
                    "Event log: sqlite:FILE or jdbc:postgresql://HOST/DB?user=U&password=P (default: $MUSTER_STORE or "
                            + DEFAULT + ")")
    public Optional<String> url = Optional.empty();

    public StoreConfig config() {
        return StoreConfig.parse(
                url.or(() -> Optional.ofNullable(System.getenv("MUSTER_STORE"))).orElse(DEFAULT));
    }
}
