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
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.engine.region.RegionCommands;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.region.RegionSpec;
import org.muster.server.app.MusterServer;
import org.muster.server.security.Passwords;
import org.muster.sim.Agenda;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.des.Rehearsal;
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
            description = "Leave every call to you: no simulated dispatcher sends units")
    boolean autoDispatch = true;

    @Option(
            names = "--dispatch-delay",
            paramLabel = "SECONDS",
            description = "Real seconds a call waits for you before the simulated dispatcher sends units"
                    + " (default: ${DEFAULT-VALUE})")
    double dispatchDelaySeconds = 30;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the demo keeps its files (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("data", "demo");

    /** The scenario being rehearsed, when one is ({@code ./muster rehearse}). */
    private Optional<DemoScenario> rehearsing = Optional.empty();

    /** Rehearses {@code scenario} live: see {@link DemoScenario}. */
    public DemoCommand rehearsing(DemoScenario scenario) {
        this.rehearsing = Optional.of(scenario);
        return this;
    }

    /** The demo's people: a name, what they do, and for whom. */
    record DemoUser(String name, String role, String organisation, String what) {}

    /**
     * A dispatcher and a supervisor for each organisation, so that each role can be tried as it is used
     * (seeing only its own organisation's calls and units), the national coordinator, an auditor and an
     * administrator.
     */
    static List<DemoUser> users(List<Command.RegisterOrganisation> organisations) {
        List<DemoUser> users = new ArrayList<>();
        for (Command.RegisterOrganisation o : organisations) {
            String code = o.id().value();
            String who = o.name() + " (" + code + ")";
            String name = code.toLowerCase(Locale.ROOT);
            users.add(new DemoUser(name + "-call-handler", "call-handler", code, "takes calls for " + who));
            users.add(new DemoUser(name + "-dispatcher", "dispatcher", code, "dispatches " + who));
            users.add(new DemoUser(
                    name + "-supervisor",
                    "supervisor",
                    code,
                    "supervises " + who + ": zone levels, withdrawals, mutual aid"));
        }
        // one who only looks on (a press officer, a partner agency), of the first organisation
        String first = organisations.getFirst().id().value();
        users.add(new DemoUser(
                first.toLowerCase(Locale.ROOT) + "-viewer",
                "viewer",
                first,
                "sees " + first + "'s boards, acts on nothing"));
        users.add(new DemoUser("coordinator", "coordinator", "*", "the national mutual-aid coordinator"));
        users.add(new DemoUser("auditor", "auditor", "*", "reads and checks the audit log"));
        users.add(new DemoUser("admin", "admin", "*", "administers everything"));
        return List.copyOf(users);
    }

    /** Generates (or reuses) the region, starts the server on a fresh store, registers the region, runs demand. */
    public Running start() throws IOException {
        if (port < 0 || port > 65535) throw InvalidInputException.of("--port", port, "must be 0 to 65535");
        // a rehearsed scenario's region is the demo's
        rehearsing.ifPresent(r -> seed = r.regionSeed());
        DemoSettings demo = new DemoSettings(
                seed,
                speed,
                demand,
                dispatchDelaySeconds,
                rehearsing.map(
                        r -> new DemoSettings.Rehearsal(Path.of(r.file()).toAbsolutePath(), r.serverSettings())));
        GeneratedRegion region = region();
        List<Command> regionCommands = RegionCommands.of(region);
        List<DemoUser> users = users(regionCommands.stream()
                .filter(Command.RegisterOrganisation.class::isInstance)
                .map(Command.RegisterOrganisation.class::cast)
                .toList());
        Path data = dir.toAbsolutePath();
        Files.createDirectories(data.resolve("zones"));
        Files.copy(region.zonesFile(), data.resolve("zones/region.geojson"), StandardCopyOption.REPLACE_EXISTING);
        // Each demo starts afresh: its simulated clock begins on a Friday evening, and a log's times never
        // go backwards.
        Path db = DemoSettings.storeIn(data);
        for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
        Files.deleteIfExists(DemoSettings.checkpointIn(data)); // the old log's head: the new one starts from 0
        demo.write(data);

        Instant start = rehearsing
                .map(r -> r.scenario().start())
                .orElseGet(() ->
                        DemandProfile.fridayEveningBefore(Clock.systemUTC().instant(), DemandProfile.UK));
        // held at the start while the server starts and the region is registered, so that the first simulated
        // half hour is not spent waiting for them
        ScaledClock clock = ScaledClock.heldAt(Clock.systemUTC(), start, speed);
        Map<String, Object> settings = new HashMap<>(demo.serverSettings(data, region));
        settings.put("server.port", Integer.toString(port));
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            DemoUser u = users.get(i);
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
            for (Command c : regionCommands) {
                engine.execute(new CommandEnvelope(
                        CommandId.of("demo-region-" + n++), Actor.of("demo"), "the demo region", c));
            }
            var roads = server.node().roads().orElseThrow();
            Instant now = clock.instant();
            java.util.function.Function<DemandProfile, DemandModel> modelOf =
                    p -> DemandModel.forRegion(region, p, engine.rules().catalogue(), DemandModel.RoadSnap.of(roads));
            // the demo's demand model, without a rehearsal's scale or surges: what the projection and surge
            // detection judge by
            DemandModel usual = modelOf.apply(demo.profile());
            // a rehearsal's crews are its scenario's, as ./muster simulate runs them
            CrewConfig crews = rehearsing.map(r -> r.scenario().crews()).orElseGet(CrewConfig::defaults);
            LiveSimulation.Builder builder = LiveSimulation.builder(engine, region, now)
                    .roads(roads)
                    .seed(seed)
                    .demand(usual)
                    .crews(crews)
                    .autoDispatch(autoDispatch)
                    .dispatchDelay(demo.dispatchDelay());
            if (rehearsing.isPresent()) {
                org.muster.sim.des.Scenario s = rehearsing.get().scenario();
                Agenda agenda = new Agenda(now);
                DemandModel scaled = s.demandScale() == 1 && s.agencyScale().isEmpty()
                        ? usual
                        : modelOf.apply(demo.profile().scaledBy(s.demandScale()).scaledBy(s.agencyScale()));
                builder.agenda(agenda)
                        .seed(s.seed())
                        .demand(Rehearsal.play(engine, agenda, s.plan(), s.seed(), scaled));
            }
            LiveSimulation sim = builder.build();
            server.node().useAutoDispatch(sim::autoDispatchAt);
            // "at this rate": the next hours projected from the live state, on the same demand, crews and
            // control room, in forks of the state that never touch the live log
            server.node().useProjector(demo.projector(region, roads, usual, crews, engine.rules()));
            // surges are judged against the demand model until Muster has two days of its own history
            server.node().useSurgeBaseline(org.muster.sim.demand.DemandBaseline.of(usual));
            clock.run();
            sim.runLive(clock);
            return new Running(server, sim, start, users, passwords);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A running demo: its server, its simulation, when its simulated time began, its users and their passwords. */
    public record Running(
            MusterServer server, LiveSimulation sim, Instant start, List<DemoUser> users, List<String> passwords)
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
        printWelcome(demo);
        demo.server().awaitStop();
        return 0;
    }

    private GeneratedRegion region() {
        return region(dir, seed, "muster demo");
    }

    /**
     * The demo's generated region of {@code seed}, kept in {@code dir} (as {@code region-seed-N}): read when it is
     * there, else generated there, saying so on stderr as {@code who}. The demo, its projection and the
     * benchmarks on its region all find it here.
     */
    public static GeneratedRegion region(Path dir, long seed, String who) {
        Path regionDir = DemoSettings.regionDir(dir, seed);
        if (Files.exists(regionDir.resolve("manifest.json"))) return GeneratedRegion.read(regionDir);
        System.err.println(who + ": generating the region (seed " + seed + ") in " + regionDir + " ...");
        return RegionGenerator.generate(RegionSpec.defaults(seed), regionDir);
    }

    private void printWelcome(Running demo) {
        MusterServer server = demo.server();
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
                "  simulated time starts %s and runs %sx real time; calls arrive from the demand model%n",
                DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", Locale.UK)
                        .format(demo.start().atZone(LONDON)),
                number(speed));
        if (autoDispatch) {
            System.out.printf(
                    Locale.ROOT,
                    "  a simulated dispatcher sends the recommended units to life-threatening calls (C1, emergencies)"
                            + " within a simulated minute, as a control room does, to serious ones (C2, priority calls)"
                            + " within %s, and to other calls left waiting %s real seconds (the queue counts down;"
                            + " --dispatch-delay, --no-auto-dispatch)%n",
                    simulated(new DemoSettings(seed, speed, demand, dispatchDelaySeconds)
                            .dispatchDelay()
                            .serious()),
                    number(dispatchDelaySeconds));
        }
        if (rehearsing.isEmpty())
            System.out.println("  response targets: the national standards for the ambulance service; for the forces,"
                    + " their own: emergencies within 15 minutes in a district with a town, 20 in the country, priority calls"
                    + " within an hour (90th centiles)");
        rehearsing.ifPresent(r -> {
            org.muster.sim.des.Scenario s = r.scenario();
            int shocks = s.plan().shocks().size();
            boolean surges = s.plan().shocks().stream().anyMatch(x -> x instanceof org.muster.sim.des.Shock.Surge);
            System.out.printf(
                    Locale.ROOT,
                    "  rehearsing %s (%s): %d %s at %s times over %s, sent as a supervisor would (as sim:supervisor);"
                            + " calls at %sx the demo's%s%n",
                    r.file(),
                    s.name(),
                    shocks,
                    shocks == 1 ? "shock" : "shocks",
                    shocks == 1 ? "its" : "their",
                    s.duration().toMinutes() % 60 == 0
                            ? s.duration().toHours() + " h"
                            : s.duration().toMinutes() + " min",
                    number(s.demandScale()),
                    r.agencyScalesInWords() + (surges ? ", with its surges on top" : ""));
            if (!s.plan().aid().isEmpty())
                System.out.println("  its mutual aid policy is not played: ask and answer on the dashboard");
            if (s.plan().moveUp())
                System.out.println(
                        "  its move-up policy is not played: the dashboard proposes moves, and you take them");
            System.out.println("  its crews' times are the scenario's, and it is judged by its response targets, as"
                    + " ./muster simulate judges it: " + r.targetsInWords());
            var policy = s.plan().dispatch();
            if (!policy.equals(org.muster.engine.rules.DispatchPolicy.DEFAULTS))
                System.out.printf(
                        Locale.ROOT,
                        "  dispatched by its policy: %s first, diversion %s, %d rapid response %s kept for C1%n",
                        policy.rule() == org.muster.engine.rules.DispatchPolicy.Rule.SAME_ZONE
                                ? "the call's own zone's crews"
                                : "the nearest crew",
                        policy.diversion() ? "on" : "off",
                        policy.heldForTop(),
                        policy.heldForTop() == 1 ? "car" : "cars");
        });
        System.out.println("  sign in as (each sees and acts for its own organisation):");
        for (int i = 0; i < demo.users().size(); i++) {
            DemoUser u = demo.users().get(i);
            System.out.printf(
                    Locale.ROOT,
                    "    %-16s password %-26s %s%n",
                    u.name(),
                    demo.passwords().get(i),
                    u.what());
        }
        System.out.println("  the command line reads this demo's store: ./muster board, ./muster state, ...");
        System.out.println("  API: " + server.address() + "/v3/api-docs   stop: Ctrl-C");
        System.out.flush();
    }

    /** "5 simulated minutes", "20 simulated seconds". */
    private static String simulated(java.time.Duration d) {
        long s = d.toSeconds();
        if (s % 60 == 0 && s > 0) return s / 60 + (s == 60 ? " simulated minute" : " simulated minutes");
        return s + (s == 1 ? " simulated second" : " simulated seconds");
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
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
