package org.muster.cli.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;
import org.muster.sim.control.DispatchDelay;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.project.Projector;

/**
 * What a demo runs on: its region's seed, its speed, its demand and how long calls wait for the person at the
 * dashboard. Kept beside its store ({@value #FILE}), so that {@code ./muster project} on the demo's folder
 * projects with the demand and the control room the demo's own projection (the dashboard's "Next hours") uses.
 *
 * @param seed the region's and the demand's seed
 * @param speed simulated seconds per real second
 * @param demand a share of a busy evening's calls
 * @param dispatchDelaySeconds real seconds a call other than a life-threatening one waits for a person before the
 *     simulated dispatcher sends units
 * @param rehearsal the scenario the demo rehearses ({@code ./muster rehearse}), when it rehearses one
 */
public record DemoSettings(
        long seed, double speed, double demand, double dispatchDelaySeconds, Optional<Rehearsal> rehearsal) {
    /** The file in the demo's folder. */
    public static final String FILE = "demo.properties";

    /** The key naming the scenario a demo rehearses, in {@value #FILE}. */
    private static final String REHEARSAL = "rehearsal";

    /** What begins a server setting a rehearsal keeps in {@value #FILE}. */
    private static final String SETTING = "muster.";

    /**
     * How long a control room takes to send to a life-threatening call: the simulated dispatcher's wait for the
     * most urgent calls, in simulated time, however fast the demo runs.
     */
    public static final Duration CONTROL_ROOM = LiveSimulation.DEFAULT_DISPATCH_DELAY;

    /**
     * The longest the simulated dispatcher leaves a serious call (C2, a police or fire priority call) for the
     * person, in simulated time: what the default 30 real seconds come to at the default ten times real time. Faster,
     * the person's seconds would be half an hour at 60 times, and every C2 would wait that long for its first unit.
     */
    public static final Duration SERIOUS = Duration.ofMinutes(5);

    /**
     * A scenario the demo rehearses: its file, and the server settings it sets: its response targets ({@code
     * muster.targets.WSP.EMERGENCY=p90 PT15M}, {@code muster.zone-targets...}) and its dispatch policy ({@code
     * muster.dispatch.*}). The rehearsal is judged and dispatched by exactly these, as {@code ./muster simulate}
     * runs the same file: a force the scenario sets no target for has none, as there.
     *
     * @param file the scenario file, absolute: {@code ./muster project --dir} reads its crews from it
     * @param settings the server settings the scenario sets, each {@code muster.} key with its value
     */
    public record Rehearsal(Path file, SortedMap<String, String> settings) {
        public Rehearsal {
            Check.present("file", file);
            settings = Collections.unmodifiableSortedMap(new TreeMap<>(Check.present("settings", settings)));
            settings.keySet().forEach(k -> {
                if (!k.startsWith(SETTING))
                    throw InvalidInputException.of("rehearsal.settings", k, "must be a server setting, muster.*");
            });
        }
    }

    /** A demo of its own, rehearsing nothing. */
    public DemoSettings(long seed, double speed, double demand, double dispatchDelaySeconds) {
        this(seed, speed, demand, dispatchDelaySeconds, Optional.empty());
    }

    public DemoSettings {
        Check.present("rehearsal", rehearsal);
        if (!(speed >= 0.1 && speed <= 1000)) throw InvalidInputException.of("--speed", speed, "must be 0.1 to 1000");
        if (!(demand > 0 && demand <= 20))
            throw InvalidInputException.of("--demand", demand, "must be above 0, at most 20");
        if (!(dispatchDelaySeconds >= 0 && dispatchDelaySeconds <= 3600))
            throw InvalidInputException.of("--dispatch-delay", dispatchDelaySeconds, "must be 0 to 3600 seconds");
    }

    /** Where the demo's calls come from: its share of a busy evening. */
    public DemandProfile profile() {
        return DemandProfile.busyEvening().scaledBy(demand);
    }

    /**
     * The simulated dispatcher's waits, in simulated time. A person's real seconds are {@code speed} times longer
     * on the demo's clock: at ten times real time, 30 seconds are five simulated minutes, more than most of a
     * C1's seven. So life-threatening calls (urgency 1) are sent to within {@link #CONTROL_ROOM}, as a control
     * room does, serious ones (urgency 2) within {@link #SERIOUS}, and only the others wait the person's seconds
     * whatever the speed.
     */
    public DispatchDelay dispatchDelay() {
        Duration other = Duration.ofMillis(Math.round(dispatchDelaySeconds * 1000 * speed));
        return new DispatchDelay(atMost(other, CONTROL_ROOM), atMost(other, SERIOUS), other);
    }

    private static Duration atMost(Duration d, Duration most) {
        return d.compareTo(most) < 0 ? d : most;
    }

    /**
     * The projector of the demo's next hours: the region's demand model as the demo's simulation runs it, its crews
     * (the demo's, or a rehearsed scenario's), and a simulated control room that waits as the demo's does.
     */
    public Projector projector(
            GeneratedRegion region, RoadNetwork roads, DemandModel demand, CrewConfig crews, Rules rules) {
        return new Projector(
                region,
                roads,
                demand,
                crews,
                dispatchDelay(),
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                (state, clock) -> SingleWriter.fork(state, rules, clock));
    }

    /** The demo's store in its folder: the one file the demo, {@code project --dir} and {@code board --dir} read. */
    public static Path storeIn(Path dir) {
        return dir.resolve("muster.db");
    }

    /**
     * The chain's head as the demo's server keeps it, beside its store and out of its reach: {@code ./muster audit
     * verify} on the demo's store finds events removed from the end by it, as on a deployment.
     */
    public static Path checkpointIn(Path dir) {
        return dir.resolve("muster.checkpoint");
    }

    /**
     * The demo's store in {@code dir}, which must be there: {@code --dir} refused, naming the folder, otherwise.
     */
    public static Path existingStoreIn(Path dir) {
        Path store = storeIn(dir);
        if (!java.nio.file.Files.isRegularFile(store))
            throw org.muster.domain.InvalidInputException.of(
                    "--dir", dir, "must hold a demo's store, muster.db (run ./muster demo)");
        return store;
    }

    /**
     * The server's settings for a demo in {@code dir} on {@code region}: its store, data and roads there, its
     * clock's rate, and its targets: the forces' own ({@link org.muster.sim.demand.PoliceTargets}), or a rehearsed scenario's targets
     * and dispatch policy in their place. The demo starts its server on them, and {@code ./muster project} reads the demo's store under them.
     */
    public java.util.Map<String, Object> serverSettings(Path dir, GeneratedRegion region) {
        Path data = dir.toAbsolutePath();
        java.util.Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("muster.store", "sqlite:" + storeIn(data));
        settings.put("muster.checkpoint", checkpointIn(data).toString());
        settings.put("muster.data", data.toString());
        settings.put("muster.osm", region.osmFile().toAbsolutePath().toString());
        settings.put("muster.clock-rate", Double.toString(speed));
        if (rehearsal.isPresent()) {
            settings.putAll(rehearsal.get().settings());
            return java.util.Map.copyOf(settings);
        }
        // the forces' own targets, by the one rule the shipped scenarios on this region write out too
        settings.putAll(org.muster.sim.demand.PoliceTargets.of(region).settings());
        return java.util.Map.copyOf(settings);
    }

    /**
     * The settings the demo's server runs on when {@code store} is a demo's store (its SQLite file in a folder
     * holding this file and the demo's region), so that a command reading it judges as the demo's dashboard does
     * (its forces' own targets among them); empty for any other store.
     */
    public static Optional<java.util.Map<String, Object>> serverSettingsBeside(org.muster.store.StoreConfig store) {
        Optional<Path> dir = store.findSqliteFile().map(f -> f.toAbsolutePath().getParent());
        if (dir.isEmpty()) return Optional.empty();
        return read(dir.get())
                .flatMap(demo -> demo.findRegion(dir.get()).map(region -> demo.serverSettings(dir.get(), region)));
    }

    /** Where a demo in {@code dir} keeps its generated region of {@code seed}. */
    public static Path regionDir(Path dir, long seed) {
        return dir.resolve("region-seed-" + seed);
    }

    /** This demo's generated region in {@code dir}, when it is there. */
    public Optional<GeneratedRegion> findRegion(Path dir) {
        Path regionDir = regionDir(dir, seed);
        return Files.exists(regionDir.resolve("manifest.json"))
                ? Optional.of(GeneratedRegion.read(regionDir))
                : Optional.empty();
    }

    /** Writes these settings into the demo's folder. */
    public void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("speed", Double.toString(speed));
        p.setProperty("demand", Double.toString(demand));
        p.setProperty("dispatch-delay-seconds", Double.toString(dispatchDelaySeconds));
        rehearsal.ifPresent(r -> {
            p.setProperty(REHEARSAL, r.file().toString());
            p.putAll(r.settings());
        });
        try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(w, "what ./muster demo runs on; read by ./muster project --dir");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings a demo wrote into {@code dir}; empty when it holds none. */
    public static Optional<DemoSettings> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Rehearsal> rehearsal = Optional.ofNullable(p.getProperty(REHEARSAL))
                .map(scenario -> {
                    SortedMap<String, String> settings = new TreeMap<>();
                    for (String key : p.stringPropertyNames())
                        if (key.startsWith(SETTING)) settings.put(key, p.getProperty(key));
                    return new Rehearsal(Path.of(scenario), settings);
                });
        return Optional.of(new DemoSettings(
                seed(p, file),
                number(p, file, "speed"),
                number(p, file, "demand"),
                number(p, file, "dispatch-delay-seconds"),
                rehearsal));
    }

    private static long seed(Properties p, Path file) {
        String v = text(p, file, "seed");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(file + ": seed", v, "must be a whole number");
        }
    }

    private static double number(Properties p, Path file, String key) {
        String v = text(p, file, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(file + ": " + key, v, "must be a number");
        }
    }

    private static String text(Properties p, Path file, String key) {
        String v = p.getProperty(key);
        if (v == null) throw InvalidInputException.of(file + ": " + key, "(none)", "must be given");
        return v.trim();
    }
}
