package org.muster.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.engine.region.RegionCommands;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.region.RegionSpec;
import org.muster.server.app.MusterServer;
import org.muster.server.security.Passwords;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.live.ScaledClock;
import picocli.CommandLine.Option;

/**
 * Muster as most people first meet it: a generated region on the embedded store, demo users, calls
 * arriving from the demand model on a busy Friday evening, crews driving the roads, and the dashboard.
 */
@picocli.CommandLine.Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run Muster on a generated region with live demand and the dashboard, until stopped.")
public final class DemoCommand implements Callable<Integer> {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--speed", description = "Simulated seconds per real second (default: ${DEFAULT-VALUE})")
    double speed = 10;

    @Option(names = "--seed", description = "Seed of the region and of the demand (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(names = "--demand", description = "Demand as a share of a busy evening's (default: ${DEFAULT-VALUE})")
    double demand = 1.0;

    @Option(
            names = "--no-auto-dispatch",
            negatable = true,
            description = "Leave every call to you: no simulated dispatcher sends units (it waits a minute first)")
    boolean autoDispatch = true;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the demo keeps its files (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    /** The demo's people: a name, what they do, and for whom. */
    record DemoUser(String name, String role, String organisation, String what) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("supervisor", "supervisor", "*", "supervises every service"),
            new DemoUser("ambulance", "dispatcher", "MAS", "dispatches the ambulance service (MAS)"),
            new DemoUser("police", "supervisor", "WSP", "supervises Westshire Police (WSP)"),
            new DemoUser("coordinator", "coordinator", "*", "the national mutual-aid coordinator"),
            new DemoUser("auditor", "auditor", "*", "reads the audit log"),
            new DemoUser("admin", "admin", "*", "administers everything"));

    /** Generates (or reuses) the region, starts the server on a fresh store, registers the region, runs demand. */
    public Running start() throws IOException {
        if (!(speed >= 0.1 && speed <= 1000)) throw InvalidInputException.of("--speed", speed, "must be 0.1 to 1000");
        if (!(demand > 0 && demand <= 20))
            throw InvalidInputException.of("--demand", demand, "must be above 0, at most 20");
        if (port < 0 || port > 65535) throw InvalidInputException.of("--port", port, "must be 0 to 65535");
        GeneratedRegion region = region();
        Path data = dir.toAbsolutePath();
        Files.createDirectories(data.resolve("zones"));
        Files.copy(region.zonesFile(), data.resolve("zones/region.geojson"), StandardCopyOption.REPLACE_EXISTING);
        // Each demo starts afresh: its simulated clock begins on a Friday evening, and a log's times never
        // go backwards.
        Path db = data.resolve("muster.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));

        Instant start = DemandProfile.fridayEveningBefore(Clock.systemUTC().instant(), DemandProfile.UK);
        ScaledClock clock = ScaledClock.startingAt(Clock.systemUTC(), start, speed);
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", Integer.toString(port));
        settings.put("muster.store", "sqlite:" + db);
        settings.put("muster.data", data.toString());
        settings.put("muster.osm", region.osmFile().toString());
        settings.put("muster.clock-rate", Double.toString(speed));
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < USERS.size(); i++) {
            DemoUser u = USERS.get(i);
            String password = password();
            passwords.add(password);
            settings.put("muster.users[" + i + "].name", u.name());
            settings.put("muster.users[" + i + "].password-hash", Passwords.hash(password));
            settings.put("muster.users[" + i + "].roles[0]", u.role());
            settings.put("muster.users[" + i + "].organisations[0]", u.organisation());
        }
        System.err.println("muster demo: starting the server ...");
        MusterServer server = MusterServer.start(Optional.empty(), settings, Optional.of(clock));
        try {
            var engine = server.node().engine();
            int n = 0;
            for (org.muster.domain.command.Command c : RegionCommands.of(region)) {
                engine.execute(new CommandEnvelope(
                        CommandId.of("demo-region-" + n++), Actor.of("demo"), "the demo region", c));
            }
            LiveSimulation sim = LiveSimulation.builder(engine, region, clock.instant())
                    .roads(server.node().roads().orElseThrow())
                    .seed(seed)
                    .profile(DemandProfile.busyEvening().scaledBy(demand))
                    .autoDispatch(autoDispatch)
                    .build();
            sim.runLive(clock);
            return new Running(server, sim, start, passwords);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A running demo: its server, its simulation, when its simulated time began, the users' passwords. */
    public record Running(MusterServer server, LiveSimulation sim, Instant start, List<String> passwords)
            implements AutoCloseable {
        @Override
        public void close() {
            sim.close();
            server.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        Running demo = start();
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "muster-demo-stop"));
        printWelcome(demo.server(), demo.start(), demo.passwords());
        demo.server().awaitStop();
        return 0;
    }

    private GeneratedRegion region() {
        Path regionDir = dir.resolve("region-seed-" + seed);
        if (Files.exists(regionDir.resolve("manifest.json"))) return GeneratedRegion.read(regionDir);
        System.err.println("muster demo: generating the region (seed " + seed + ") in " + regionDir + " ...");
        return RegionGenerator.generate(RegionSpec.defaults(seed), regionDir);
    }

    private void printWelcome(MusterServer server, Instant start, List<String> passwords) {
        var state = server.node().engine().state();
        System.out.println();
        System.out.println("Muster demo is running at " + server.address());
        System.out.printf(
                Locale.ROOT,
                "  region: %d organisations, %d zones, %d stations, %d units (seed %d)%n",
                state.organisations().size(),
                state.zones().size(),
                state.stations().size(),
                state.units().size(),
                seed);
        System.out.printf(
                Locale.ROOT,
                "  simulated time starts %s and runs %sx real time; calls arrive from the demand model%s%n",
                DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", Locale.UK).format(start.atZone(LONDON)),
                speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed),
                autoDispatch ? ", and a simulated dispatcher sends units to calls left waiting a minute" : "");
        System.out.println("  sign in as:");
        for (int i = 0; i < USERS.size(); i++) {
            DemoUser u = USERS.get(i);
            System.out.printf(Locale.ROOT, "    %-12s password %-22s %s%n", u.name(), passwords.get(i), u.what());
        }
        System.out.println("  API: " + server.address() + "/v3/api-docs   stop: Ctrl-C");
        System.out.flush();
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] WORDS = {
        "amber", "beacon", "cobalt", "delta", "ember", "falcon", "granite", "harbour", "indigo", "juniper",
        "kestrel", "lantern", "meadow", "nimbus", "orchard", "pebble", "quartz", "raven", "saffron", "thistle"
    };

    /** Three words and two digits: easy to type from the terminal. */
    static String password() {
        return WORDS[RANDOM.nextInt(WORDS.length)] + "-" + WORDS[RANDOM.nextInt(WORDS.length)] + "-"
                + WORDS[RANDOM.nextInt(WORDS.length)] + "-" + (10 + RANDOM.nextInt(90));
    }
}
