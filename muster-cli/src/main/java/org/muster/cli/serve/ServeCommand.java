package org.muster.cli.serve;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.server.app.MusterServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the HTTP server. Settings come from the configuration file, the environment, and these options,
 * the later winning; README lists them.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the HTTP API, live stream and dashboard until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "A .properties or .yaml configuration file")
    Optional<Path> config = Optional.empty();

    @Option(names = "--port", description = "HTTP port (default: 8080, or server.port in the file)")
    Optional<Integer> port = Optional.empty();

    @Option(names = "--store", paramLabel = "URL", description = "Event log: sqlite:FILE or a jdbc:postgresql:// URL")
    Optional<String> store = Optional.empty();

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory: graph cache, imported zones")
    Optional<String> data = Optional.empty();

    @Option(names = "--osm", paramLabel = "FILE", description = "Road network (.osm.pbf or .osm)")
    Optional<String> osm = Optional.empty();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> overrides = new HashMap<>();
        port.ifPresent(p -> overrides.put("server.port", Integer.toString(p)));
        store.ifPresent(s -> overrides.put("muster.store", s));
        data.ifPresent(d -> overrides.put("muster.data", d));
        osm.ifPresent(o -> overrides.put("muster.osm", o));
        try (MusterServer server = MusterServer.start(config, overrides, Optional.empty())) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "muster-stop"));
            System.out.println("Muster is serving at " + server.address() + " (Ctrl-C stops it)");
            server.awaitStop();
        }
        return 0;
    }
}
