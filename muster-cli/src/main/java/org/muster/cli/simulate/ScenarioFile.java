package org.muster.cli.simulate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitType;
import org.muster.engine.capacity.Colour;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.geo.region.FileRegion;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.region.RegionManifest;
import org.muster.geo.region.RegionOrganisations;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.des.AidPolicy;
import org.muster.sim.des.CallStream;
import org.muster.sim.des.RecordedCall;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.Shock;
import org.muster.sim.des.ShockPlan;
import org.muster.sim.des.SimulationMode;
import org.muster.sim.live.LiveSimulation;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A scenario file (YAML) read into the simulator's plain {@link Scenario} and the region it names. The file
 * is read as a tree of nodes, not bound to objects, so every problem names its line: an unknown key, a
 * value of the wrong kind, a negative rate, a duration that is not one. Every problem is reported, not only
 * the first, before anything runs. The format is in {@code docs/simulator.md}.
 */
public final class ScenarioFile {
    private static final Set<String> TOP = Set.of(
            "name",
            "region",
            "start",
            "duration",
            "seed",
            "demand",
            "service",
            "control",
            "baseline",
            "shocks",
            "aid",
            "policies",
            "targets",
            "zoneTargets",
            "travel");

    /**
     * A scenario as read, before its region is loaded.
     *
     * @param regionSeed the seed of the generated region it runs on
     * @param baseline the scenario file to run beside it and compare it with, when it names one
     * @param zones the zones the file names, each with where: checked against the region once it is loaded
     * @param stations the stations the file names, each with where: checked likewise
     * @param files the region's files, when it is given as files ({@code region.files}) rather than generated;
     *     {@code regionSeed} is then unused
     */
    public record Read(
            Scenario scenario,
            long regionSeed,
            Optional<Path> baseline,
            List<ZoneReference> zones,
            List<StationReference> stations,
            Optional<FileRegion> files) {
        public Read {
            zones = List.copyOf(zones);
            stations = List.copyOf(stations);
            Check.present("files", files);
        }

        public Read(
                Scenario scenario,
                long regionSeed,
                Optional<Path> baseline,
                List<ZoneReference> zones,
                List<StationReference> stations) {
            this(scenario, regionSeed, baseline, zones, stations, Optional.empty());
        }

        public Read(Scenario scenario, long regionSeed, Optional<Path> baseline, List<ZoneReference> zones) {
            this(scenario, regionSeed, baseline, zones, List.of());
        }

        public Read(Scenario scenario, long regionSeed) {
            this(scenario, regionSeed, Optional.empty(), List.of());
        }

        /**
         * Refuses the scenario, every problem at once, each with its line, when it names a zone the region does
         * not have, or gives a zone its own target for a priority of another agency than its organisation's (a C1
         * target on a police district, which nothing would ever judge).
         *
         * @param region the region's zones, each with its organisation's agency ({@link #zoneAgencies})
         */
        public void checkZones(Map<ZoneId, Agency> region) {
            checkZones(region, Map.of());
        }

        /**
         * As {@link #checkZones(Map)}, naming each zone beside its id in the list a wrong one gets, and the id a
         * zone's name stands for when the file gives the name ("Farwell District" for WSP-03).
         *
         * @param names the region's zones' names ({@link #zoneNames})
         */
        public void checkZones(Map<ZoneId, Agency> region, Map<ZoneId, String> names) {
            Check problems = Check.collecting();
            for (ZoneReference z : zones)
                if (!region.containsKey(z.zone())) {
                    String given = z.zone().value().strip().toLowerCase(Locale.ROOT);
                    List<ZoneId> named = names.entrySet().stream()
                            .filter(e -> region.containsKey(e.getKey()))
                            .filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(given)
                                    || e.getValue().toLowerCase(Locale.ROOT).startsWith(given + " "))
                            .map(Map.Entry::getKey)
                            .sorted(java.util.Comparator.comparing(ZoneId::value))
                            .toList();
                    problems.add(
                            z.where(),
                            z.zone().value(),
                            (named.isEmpty()
                                            ? "is not a zone of the region"
                                            : "is a zone's name, not its id: write "
                                                    + String.join(
                                                            " or ",
                                                            named.stream()
                                                                    .map(ZoneId::value)
                                                                    .toList()))
                                    + "; its zones are "
                                    + region.keySet().stream()
                                            .sorted(java.util.Comparator.comparing(ZoneId::value))
                                            .map(id -> names.containsKey(id)
                                                    ? id.value() + " (" + names.get(id) + ")"
                                                    : id.value())
                                            .toList());
                }
            scenario.targets().zones().forEach((zone, byPriority) -> {
                Agency agency = region.get(zone);
                if (agency == null) return; // named above
                String field = "zoneTargets." + zone.value();
                String where = zones.stream()
                        .map(ZoneReference::where)
                        .filter(w -> w.endsWith(": " + field))
                        .findFirst()
                        .orElse(field);
                for (Priority p : byPriority.keySet()) {
                    if (p.appliesTo(agency)) continue;
                    problems.add(
                            where + "." + p.name(),
                            p.name(),
                            "is not a priority of " + zone.value() + (agency == Agency.AMBULANCE ? ", an " : ", a ")
                                    + agency.name().toLowerCase(Locale.ROOT)
                                    + " zone; its priorities are "
                                    + java.util.Arrays.stream(Priority.values())
                                            .filter(q -> q.appliesTo(agency))
                                            .toList());
                }
            });
            problems.throwIfAny();
        }
    }

    /** A region's zones' names, by id: what {@link Read#checkZones(Map, Map)} names them by. */
    public static Map<ZoneId, String> zoneNames(List<org.muster.geo.zone.ZoneShape> zones) {
        Map<ZoneId, String> out = new java.util.HashMap<>();
        for (var z : zones) out.put(z.id(), z.name());
        return out;
    }

    /** A region's zones, each with its organisation's agency: what {@link Read#checkZones} checks against. */
    public static Map<ZoneId, Agency> zoneAgencies(
            List<org.muster.geo.zone.ZoneShape> zones, List<Organisation> organisations) {
        Map<OrganisationId, Agency> agencies = new java.util.HashMap<>();
        for (Organisation o : organisations) agencies.put(o.id(), o.agency());
        Map<ZoneId, Agency> out = new java.util.HashMap<>();
        for (var z : zones) if (agencies.containsKey(z.organisation())) out.put(z.id(), agencies.get(z.organisation()));
        return out;
    }

    /**
     * Refuses the scenario when it names a station the region does not have, naming the line of each.
     *
     * @param known the region's stations
     */
    public static void checkStations(Read read, Set<StationId> known) {
        Check problems = Check.collecting();
        for (StationReference s : read.stations())
            if (!known.contains(s.station()))
                problems.add(
                        s.where(),
                        s.station().value(),
                        "is not a station of the region; its stations are "
                                + known.stream().map(StationId::value).sorted().toList());
        problems.throwIfAny();
    }

    /** A zone named in the file, and where: "file line N: field". */
    public record ZoneReference(ZoneId zone, String where) {}

    /** A station named in the file, and where: "file line N: field". */
    public record StationReference(StationId station, String where) {}

    private final String file;
    // where a baseline's file name is resolved from: the scenario file's folder
    private Path folder = Path.of("");
    private Map<String, String> overrides = Map.of();
    private final Check problems = Check.collecting();
    /** Mappings with a key reported as unknown: checks that follow from a missing key are left to that report. */
    private final Set<Node> misspelt = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private final List<ZoneReference> zones = new ArrayList<>();
    private final List<StationReference> stations = new ArrayList<>();
    /** Whether the file asks crews to report their positions at an interval ({@code service.positionInterval}). */
    private boolean positionIntervalGiven;

    /** Whether the calls are demand.poisson's constant streams, or demand.replay's recorded calls (for surges). */
    private boolean poissonCalls;

    private boolean replayingCalls;
    /** The region's files, when {@code region.files} names them. */
    private Optional<FileRegion> files = Optional.empty();
    /** The region's organisations: a generated region's, or those its organisations file lists. */
    private List<Organisation> regionOrganisations = RegionOrganisations.ALL;

    private ScenarioFile(String file) {
        this.file = file;
    }

    /**
     * Reads and checks {@code path}; {@code seedOverride} replaces the file's seed.
     *
     * @throws InvalidInputException naming the file, the line, the value and what was expected, for every
     *     problem found; for a missing or unreadable file, naming it
     */
    public static Read read(Path path, OptionalLong seedOverride) {
        return read(path, seedOverride, Map.of());
    }

    /**
     * Reads and checks {@code path} with some keys' values replaced, as a sweep runs a scenario at each of
     * a key's values.
     *
     * @param overrides a dotted key ({@code demand.scale}) and the YAML value to put in its place, added
     *     when the file leaves it out; checked as if the file said it. A value is a scalar ({@code 1.5},
     *     {@code off}), or a flow list or mapping ({@code []}: no aid policies; {@code {rule: sameZone}})
     */
    public static Read read(Path path, OptionalLong seedOverride, Map<String, String> overrides) {
        Check.present("path", path);
        Check.present("overrides", overrides);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of("SCENARIO", path, "must be a scenario file that exists");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw InvalidInputException.of(
                    "SCENARIO", path, "must be UTF-8 text (a byte in it is not: save the file as UTF-8)");
        } catch (IOException e) {
            throw InvalidInputException.of(
                    "SCENARIO", path, "must be a readable scenario file (" + e.getMessage() + ")");
        }
        ScenarioFile reader = new ScenarioFile(path.getFileName().toString());
        reader.overrides = Map.copyOf(overrides);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) reader.folder = parent;
        Read read = reader.parse(new java.io.StringReader(text), seedOverride);
        if (read.baseline().isPresent() && sameFile(read.baseline().get(), path))
            throw InvalidInputException.of(
                    path.getFileName() + " baseline", read.baseline().get(), "must be another scenario than this one");
        return read;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a scenario from {@code text}, naming it {@code file} in errors. */
    static Read parse(String file, Reader text, OptionalLong seedOverride) {
        return new ScenarioFile(file).parse(text, seedOverride);
    }

    private Read parse(Reader text, OptionalLong seedOverride) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? file : file + " line " + (m.getLine() + 1);
            throw InvalidInputException.of(where, "", "must be YAML: " + firstLine(e.getProblem()));
        }
        if (!(root instanceof MappingNode top)) {
            throw InvalidInputException.of(file, "", "must be a YAML mapping of scenario keys: " + sorted(TOP));
        }
        overrides.forEach((key, value) -> override(top, key.split("\\."), 0, value));
        Map<String, Node> keys = mapping(top, "", TOP);
        String name = keys.containsKey("name") ? text(keys.get("name"), "name") : file.replaceFirst("\\.ya?ml$", "");
        long regionSeed = region(required(keys, top, "", "region"));
        Instant start = instant(required(keys, top, "", "start"), "start");
        Duration duration = duration(required(keys, top, "", "duration"), "duration", false);
        if (duration != null && duration.compareTo(Scenario.LONGEST) > 0)
            problem(keys.get("duration"), "duration", scalar(keys.get("duration")), "must be at most 366 days (366d)");
        long seed = keys.containsKey("seed") ? integer(keys.get("seed"), "seed") : 1;
        double scale = 1.0;
        Map<Agency, Double> agencyScale = new EnumMap<>(Agency.class);
        List<CallStream> calls = List.of();
        List<RecordedCall> replayed = List.of();
        if (keys.containsKey("demand")) {
            Map<String, Node> demand =
                    mapping(keys.get("demand"), "demand", Set.of("scale", "agencies", "poisson", "replay"));
            poissonCalls = demand.containsKey("poisson");
            replayingCalls = demand.containsKey("replay");
            if (demand.containsKey("replay")) {
                if (start.equals(Instant.EPOCH) || duration == null) replayed = List.of();
                else replayed = replay(demand.get("replay"), start, duration);
                if (demand.containsKey("poisson"))
                    problem(
                            demand.get("poisson"),
                            "demand.poisson",
                            scalar(demand.get("poisson")),
                            "is not used with demand.replay, whose calls are the run's only ones; leave one out");
            }
            if (demand.containsKey("scale")) scale = rate(demand.get("scale"), "demand.scale");
            if (demand.containsKey("agencies")) {
                for (var e : agencies(demand.get("agencies"), "demand.agencies").entrySet())
                    agencyScale.put(e.getKey(), rate(e.getValue(), "demand.agencies." + key(e.getKey())));
                if (demand.containsKey("poisson") || demand.containsKey("replay"))
                    problem(
                            demand.get("agencies"),
                            "demand.agencies",
                            scalar(demand.get("agencies")),
                            "scales the region's demand model by agency, which "
                                    + (demand.containsKey("poisson") ? "demand.poisson" : "demand.replay")
                                    + " replaces; leave one out");
            }
            if (demand.containsKey("poisson")) {
                calls = poisson(demand.get("poisson"));
                if (demand.containsKey("scale"))
                    problem(
                            demand.get("scale"),
                            "demand.scale",
                            scalar(demand.get("scale")),
                            "scales the region's demand model, which demand.poisson replaces; leave one out");
            }
        }
        // the demo's demand model places its calls around the region's settlements: a file region may have none
        if (files.isPresent() && files.get().settlements().isEmpty() && calls.isEmpty() && !replayingCalls)
            problem(
                    keys.get("region"),
                    "region.files.settlements",
                    "",
                    "is needed for the demo's demand model, which places its calls around the region's"
                            + " settlements; give it, or demand.poisson or demand.replay");
        CrewConfig crews = keys.containsKey("service") ? service(keys.get("service")) : CrewConfig.defaults();
        Duration delay = LiveSimulation.DEFAULT_DISPATCH_DELAY;
        Duration interval = LiveSimulation.DEFAULT_DISPATCH_INTERVAL;
        DispatchConfig dispatch = DispatchConfig.DEFAULTS;
        if (keys.containsKey("control")) {
            Map<String, Node> control =
                    mapping(keys.get("control"), "control", Set.of("dispatchDelay", "dispatchInterval", "maxTravel"));
            if (control.containsKey("maxTravel")) {
                Node m = control.get("maxTravel");
                Duration most = duration(m, "control.maxTravel", false);
                if (most != null && most.compareTo(Duration.ofHours(24)) > 0)
                    problem(m, "control.maxTravel", scalar(m), "must be at most 24h");
                else if (most != null) dispatch = dispatch.withMaxTravelTime(most);
            }
            if (control.containsKey("dispatchDelay"))
                delay = duration(control.get("dispatchDelay"), "control.dispatchDelay", true);
            if (control.containsKey("dispatchInterval")) {
                interval = duration(control.get("dispatchInterval"), "control.dispatchInterval", false);
                if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0)
                    problem(
                            control.get("dispatchInterval"), "control.dispatchInterval",
                            scalar(control.get("dispatchInterval")), "must be at least 1s");
            }
        }
        Optional<Path> baseline = Optional.empty();
        if (keys.containsKey("baseline")) baseline = baseline(keys.get("baseline"));
        List<Shock> shocks = keys.containsKey("shocks") && !start.equals(Instant.EPOCH) && duration != null
                ? shocks(keys.get("shocks"), start, duration)
                : List.of();
        List<AidPolicy> aid = keys.containsKey("aid") ? aid(keys.get("aid")) : List.of();
        boolean escorts = true;
        boolean cover = true;
        boolean moveUp = false;
        DispatchPolicy policy = DispatchPolicy.DEFAULTS;
        if (keys.containsKey("policies")) {
            Map<String, Node> policies = mapping(
                    keys.get("policies"),
                    "policies",
                    Set.of("escortAgreements", "cover", "moveUp", "dispatchRule", "diversion", "carsHeld"));
            if (policies.containsKey("escortAgreements"))
                escorts = onOff(policies.get("escortAgreements"), "policies.escortAgreements");
            if (policies.containsKey("cover")) cover = onOff(policies.get("cover"), "policies.cover");
            if (policies.containsKey("moveUp")) moveUp = onOff(policies.get("moveUp"), "policies.moveUp");
            if (policies.containsKey("dispatchRule")) {
                Node r = policies.get("dispatchRule");
                try {
                    policy = policy.withRule(DispatchPolicy.Rule.named("policies.dispatchRule", scalar(r)));
                } catch (InvalidInputException e) {
                    problem(r, "policies.dispatchRule", scalar(r), "must be nearest or sameZone");
                }
            }
            if (policies.containsKey("diversion"))
                policy = policy.withDiversion(onOff(policies.get("diversion"), "policies.diversion"));
            if (policies.containsKey("carsHeld")) {
                Node n = policies.get("carsHeld");
                long held = integer(n, "policies.carsHeld");
                if (held < 0 || held > 1000) problem(n, "policies.carsHeld", scalar(n), "must be 0 to 1000");
                else policy = policy.withHeldForTop((int) held);
            }
        }
        ResponseTargets targets = keys.containsKey("targets") ? targets(keys.get("targets")) : ResponseTargets.DEFAULTS;
        if (keys.containsKey("zoneTargets")) targets = zoneTargets(keys.get("zoneTargets"), targets);
        SimulationMode.Travel travel = keys.containsKey("travel")
                ? named(keys.get("travel"), "travel", SimulationMode.Travel.class)
                        .orElse(SimulationMode.Travel.ROUTED)
                : SimulationMode.Travel.ROUTED;
        // a batch run moves no map: positions are reported when read, unless the file asks for an interval
        SimulationMode mode = new SimulationMode(
                travel,
                positionIntervalGiven ? SimulationMode.Positions.EVERY_INTERVAL : SimulationMode.Positions.ON_DEMAND);
        problems.throwIfAny();
        Scenario scenario = new Scenario(
                name,
                start,
                duration,
                seedOverride.orElse(seed),
                scale,
                crews,
                delay,
                interval,
                new ShockPlan(shocks, aid, escorts, cover, moveUp, policy),
                calls,
                dispatch,
                replayed,
                mode,
                targets,
                agencyScale);
        return new Read(scenario, regionSeed, baseline, zones, stations, files);
    }

    /** {@code poisson: [{type: FALL, perHour: 6, at: MAS-AS003}]}: calls at a constant rate at stations. */
    private List<CallStream> poisson(Node node) {
        List<CallStream> out = new ArrayList<>();
        List<Node> items = list(node, "demand.poisson");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String field = "demand.poisson[" + i + "]";
            Map<String, Node> k = mapping(item, field, Set.of("type", "perHour", "at"));
            Optional<IncidentTypeCode> type = incidentType(required(k, item, field, "type"), field + ".type");
            double perHour = Double.NaN;
            Node rate = required(k, item, field, "perHour");
            if (rate != null) {
                perHour = number(rate, field + ".perHour");
                if (!Double.isNaN(perHour) && !(perHour > 0 && perHour <= 100_000)) {
                    problem(
                            rate,
                            field + ".perHour",
                            scalar(rate),
                            "must be more than 0 and at most 100000 calls an hour");
                    perHour = Double.NaN;
                }
            }
            Node at = required(k, item, field, "at");
            String station = at == null ? "" : scalar(at);
            if (at != null && (!(at instanceof ScalarNode) || station.isBlank())) {
                problem(at, field + ".at", station, "must be a station id such as MAS-AS003");
                continue;
            }
            if (at != null)
                stations.add(new StationReference(
                        StationId.of(station),
                        file + " line " + (at.getStartMark().getLine() + 1) + ": " + field + ".at"));
            if (type.isEmpty() || Double.isNaN(perHour) || at == null) continue;
            out.add(new CallStream(type.get(), perHour, StationId.of(station)));
        }
        if (out.isEmpty() && items.isEmpty() && node instanceof SequenceNode)
            problem(node, "demand.poisson", "[]", "must list at least one stream of calls");
        return out;
    }

    /** The columns of a recorded incidents file, in this order. */
    static final List<String> REPLAY_COLUMNS = RecordedCall.COLUMNS;

    /**
     * {@code replay: calls.csv}: recorded calls, a file from this file's folder with a header of {@link
     * #REPLAY_COLUMNS}; each bad row is refused naming the file's line and the column.
     */
    private List<RecordedCall> replay(Node node, Instant start, Duration duration) {
        String name = scalar(node);
        if (!(node instanceof ScalarNode) || name.isBlank()) {
            problem(node, "demand.replay", name, "must name a CSV file of recorded calls, from this file's folder");
            return List.of();
        }
        Path path = folder.resolve(name).normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problem(node, "demand.replay", name, "must name a readable CSV file that exists, from this file's folder");
            return List.of();
        }
        if (lines.isEmpty() || !List.of(lines.getFirst().strip().split(",", -1)).equals(REPLAY_COLUMNS)) {
            problem(node, "demand.replay", name, "must start with the header " + String.join(",", REPLAY_COLUMNS));
            return List.of();
        }
        Instant end = start.plus(duration);
        List<RecordedCall> out = new ArrayList<>();
        boolean anyBad = false;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) continue;
            String where = name + " line " + (n + 1);
            String[] f = line.split(",", -1);
            if (f.length != REPLAY_COLUMNS.size()) {
                problems.add(where, line, "must have " + REPLAY_COLUMNS.size() + " columns: " + REPLAY_COLUMNS);
                anyBad = true;
                continue;
            }
            Check row = Check.collecting();
            Instant received = null;
            try {
                received = Instant.parse(f[0].strip());
                if (received.isBefore(start) || !received.isBefore(end)) {
                    row.add(
                            where + " column received",
                            f[0],
                            "must fall within the run, from " + start + " to before " + end);
                    received = null;
                }
            } catch (DateTimeParseException e) {
                row.add(where + " column received", f[0], "must be an instant in UTC such as " + start);
            }
            Optional<Organisation> org = regionOrganisations.stream()
                    .filter(o -> o.id().value().equals(f[1].strip()))
                    .findFirst();
            if (org.isEmpty())
                row.add(
                        where + " column organisation",
                        f[1],
                        "is not an organisation of the region; expected one of "
                                + regionOrganisations.stream()
                                        .map(o -> o.id().value())
                                        .sorted()
                                        .toList());
            var type = CATALOGUE.findType(IncidentTypeCode.of(f[2].isBlank() ? "?" : f[2].strip()));
            if (type.isEmpty()) row.add(where + " column type", f[2], "is not an incident type of the catalogue");
            else if (org.isPresent() && type.get().agency() != org.get().agency())
                row.add(
                        where + " column type",
                        f[2],
                        "must be an incident type of " + org.get().id() + "'s agency ("
                                + org.get().agency() + ")");
            double lat = coordinate(row, f[3], where + " column lat", 90);
            double lon = coordinate(row, f[4], where + " column lon", 180);
            if (!row.ok()) {
                problems.attempt(row::throwIfAny);
                anyBad = true;
                continue;
            }
            out.add(new RecordedCall(received, org.get().id(), type.get().code(), GeoPoint.of(lat, lon)));
        }
        if (out.isEmpty() && !anyBad) problem(node, "demand.replay", name, "must hold at least one recorded call");
        return out;
    }

    private static double coordinate(Check row, String text, String where, double most) {
        try {
            double d = Double.parseDouble(text.strip());
            if (Double.isFinite(d) && Math.abs(d) <= most) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        row.add(where, text, "must be a number of degrees from -" + (int) most + " to " + (int) most);
        return Double.NaN;
    }

    /** An incident type of the catalogue. */
    private Optional<IncidentTypeCode> incidentType(Node node, String field) {
        if (node == null) return Optional.empty();
        String code = scalar(node);
        if (code.isBlank() || CATALOGUE.findType(IncidentTypeCode.of(code)).isEmpty()) {
            problem(
                    node,
                    field,
                    code,
                    "is not an incident type; expected one of "
                            + CATALOGUE.listTypes().stream()
                                    .map(x -> x.code().value())
                                    .sorted()
                                    .toList());
            return Optional.empty();
        }
        return Optional.of(IncidentTypeCode.of(code));
    }

    /** {@code baseline: other.yml}: a scenario file beside this one (or a path from its folder) that exists. */
    private Optional<Path> baseline(Node node) {
        String name = scalar(node);
        if (!(node instanceof ScalarNode) || name.isBlank()) {
            problem(node, "baseline", name, "must name a scenario file, from this file's folder");
            return Optional.empty();
        }
        Path path = folder.resolve(name).normalize();
        if (!Files.isRegularFile(path)) {
            problem(node, "baseline", name, "must name a scenario file that exists, from this file's folder");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    // --- shocks, mutual aid and policies (docs/simulator.md, "Shocks and policies") ---

    private static final Set<String> WITHDRAW =
            Set.of("organisation", "people", "units", "skill", "mode", "type", "at", "for");

    private List<Shock> shocks(Node node, Instant start, Duration duration) {
        List<Shock> out = new ArrayList<>();
        for (Node item : list(node, "shocks")) {
            String field = "shocks[" + out.size() + "]";
            Map<String, Node> kind = mapping(item, field, Set.of("withdraw", "level", "surge"));
            if (kind.size() != 1) {
                if (kind.isEmpty() && item instanceof MappingNode)
                    problem(item, field, "", "must be one of withdraw, level or surge");
                else if (kind.size() > 1)
                    problem(item, field, kind.keySet().toString(), "must be one shock: withdraw, level or surge");
                out.add(null);
                continue;
            }
            var e = kind.entrySet().iterator().next();
            String f = field + "." + e.getKey();
            out.add(
                    switch (e.getKey()) {
                        case "withdraw" -> withdraw(e.getValue(), f, start, duration);
                        case "level" -> level(e.getValue(), f, start, duration);
                        default -> surge(e.getValue(), f, start, duration);
                    });
        }
        return out.stream().filter(java.util.Objects::nonNull).toList();
    }

    private Shock withdraw(Node node, String field, Instant start, Duration duration) {
        Map<String, Node> k = mapping(node, field, WITHDRAW);
        Optional<Organisation> org = organisation(required(k, node, field, "organisation"), field + ".organisation");
        Instant at = at(required(k, node, field, "at"), field + ".at", start, duration);
        Duration lasting = duration(required(k, node, field, "for"), field + ".for", false);
        if (k.containsKey("people") == k.containsKey("units")) {
            // a mistyped 'poeple' is named already, with the key it meant
            if (!misspelt.contains(node) || k.containsKey("people"))
                problem(node, field, "", "must give a share of either people or units, such as 'people: 0.3'");
            return null;
        }
        if (k.containsKey("people")) {
            double share = share(k.get("people"), field + ".people");
            Optional<Skill> skill =
                    k.containsKey("skill") ? named(k.get("skill"), field + ".skill", Skill.class) : Optional.empty();
            WithdrawalMode mode = k.containsKey("mode")
                    ? named(k.get("mode"), field + ".mode", WithdrawalMode.class)
                            .orElse(WithdrawalMode.PERSON)
                    : WithdrawalMode.PERSON;
            if (k.containsKey("type"))
                problem(k.get("type"), field + ".type", scalar(k.get("type")), "is for units, not people");
            if (mode == WithdrawalMode.SKILL && !k.containsKey("skill"))
                problem(
                        k.get("mode"),
                        field + ".mode",
                        scalar(k.get("mode")),
                        "needs the skill handed in: 'skill: ...'");
            if (org.isEmpty() || at == null || lasting == null || Double.isNaN(share)) return null;
            if (k.containsKey("skill") && skill.isEmpty()) return null;
            return new Shock.WithdrawPeople(org.get().id(), skill, mode, share, at, lasting);
        }
        double share = share(k.get("units"), field + ".units");
        Optional<UnitType> type =
                k.containsKey("type") ? named(k.get("type"), field + ".type", UnitType.class) : Optional.empty();
        for (String people : List.of("skill", "mode"))
            if (k.containsKey(people))
                problem(k.get(people), field + "." + people, scalar(k.get(people)), "is for people, not units");
        if (org.isPresent()
                && type.isPresent()
                && type.get().agency() != org.get().agency())
            problem(
                    k.get("type"),
                    field + ".type",
                    type.get().name(),
                    "must be a unit type of " + org.get().id() + " ("
                            + org.get().agency() + ")");
        if (org.isEmpty() || at == null || lasting == null || Double.isNaN(share)) return null;
        if (k.containsKey("type") && type.isEmpty()) return null;
        return new Shock.WithdrawUnits(org.get().id(), type, share, at, lasting);
    }

    private Shock level(Node node, String field, Instant start, Duration duration) {
        Map<String, Node> k = mapping(node, field, Set.of("zones", "level", "at", "for", "clearanceAfter"));
        SortedSet<ZoneId> named = zoneList(required(k, node, field, "zones"), field + ".zones");
        Optional<OperatingLevel> level =
                named(required(k, node, field, "level"), field + ".level", OperatingLevel.class);
        Optional<Duration> clearance = Optional.empty();
        boolean closed = level.filter(l -> l == OperatingLevel.CLOSED).isPresent();
        if (k.containsKey("clearanceAfter")) {
            Node c = k.get("clearanceAfter");
            if (level.isPresent() && !closed) {
                problem(c, field + ".clearanceAfter", scalar(c), "is for a CLOSED zone only");
                return null;
            }
            Duration d = duration(c, field + ".clearanceAfter", true);
            if (d == null) return null;
            clearance = Optional.of(d);
        } else if (closed) {
            // the simulated supervisor grants each call tactical clearance after this long
            problem(
                    k.get("level"),
                    field + ".level",
                    "CLOSED",
                    "needs 'clearanceAfter: 20m': how long after a call the supervisor grants tactical clearance");
            return null;
        }
        Instant at = at(required(k, node, field, "at"), field + ".at", start, duration);
        Duration lasting = duration(required(k, node, field, "for"), field + ".for", false);
        if (named.isEmpty() || level.isEmpty() || at == null || lasting == null) return null;
        return new Shock.SetLevel(named, level.get(), at, lasting, clearance);
    }

    private Shock surge(Node node, String field, Instant start, Duration duration) {
        Map<String, Node> k = mapping(node, field, Set.of("zones", "types", "categories", "factor", "at", "for"));
        if (poissonCalls)
            problem(
                    node,
                    field,
                    "",
                    "raises the demand model's or a replay's calls; demand.poisson's streams keep their constant"
                            + " rates");
        else if (files.isPresent() && files.get().settlements().isEmpty() && !replayingCalls)
            problem(
                    node,
                    field,
                    "",
                    "raises the demo's demand model's calls, which a region without region.files.settlements"
                            + " does not have; replay recorded calls (demand.replay) to surge them");
        SortedSet<ZoneId> named = k.containsKey("zones") ? zoneList(k.get("zones"), field + ".zones") : new TreeSet<>();
        SortedSet<IncidentTypeCode> types = new TreeSet<>();
        if (k.containsKey("types")) {
            for (Node t : list(k.get("types"), field + ".types")) {
                String code = scalar(t);
                if (code.isBlank()
                        || CATALOGUE.findType(IncidentTypeCode.of(code)).isEmpty())
                    problem(
                            t,
                            field + ".types",
                            code,
                            "is not an incident type; expected one of "
                                    + CATALOGUE.listTypes().stream()
                                            .map(x -> x.code().value())
                                            .sorted()
                                            .toList());
                else types.add(IncidentTypeCode.of(code));
            }
        }
        Set<Priority> categories = EnumSet.noneOf(Priority.class);
        if (k.containsKey("categories"))
            for (Node c : list(k.get("categories"), field + ".categories"))
                named(c, field + ".categories", Priority.class).ifPresent(categories::add);
        if (types.isEmpty() && categories.isEmpty() && !k.containsKey("types") && !k.containsKey("categories"))
            problem(node, field, "", "must name incident types or categories, such as 'types: [STABBING]'");
        double factor = Double.NaN;
        Node f = required(k, node, field, "factor");
        if (f != null) {
            factor = number(f, field + ".factor");
            if (!Double.isNaN(factor) && (factor < 0 || factor > 1000)) {
                problem(f, field + ".factor", scalar(f), "must be 0 or more, at most 1000 (a multiple of the rates)");
                factor = Double.NaN;
            }
        }
        Instant at = at(required(k, node, field, "at"), field + ".at", start, duration);
        Duration lasting = duration(required(k, node, field, "for"), field + ".for", false);
        if ((types.isEmpty() && categories.isEmpty()) || Double.isNaN(factor) || at == null || lasting == null)
            return null;
        return new Shock.Surge(named, types, categories, factor, at, lasting);
    }

    private List<AidPolicy> aid(Node node) {
        List<AidPolicy> out = new ArrayList<>();
        int index = 0;
        for (Node item : list(node, "aid")) {
            String field = "aid[" + index++ + "]";
            Map<String, Node> k =
                    mapping(item, field, Set.of("requester", "when", "ask", "from", "declining", "answerAfter", "for"));
            Optional<Organisation> requester =
                    organisation(required(k, item, field, "requester"), field + ".requester");
            int queued = 0;
            Optional<Colour> capacity = Optional.empty();
            Node when = required(k, item, field, "when");
            if (when != null) {
                Map<String, Node> w = mapping(when, field + ".when", Set.of("queued", "capacity"));
                if (w.isEmpty() && when instanceof MappingNode)
                    problem(when, field + ".when", "", "must give 'queued: N' or 'capacity: RED' (or both)");
                if (w.containsKey("queued")) {
                    long q = integer(w.get("queued"), field + ".when.queued");
                    if (q < 1 || q > 10_000)
                        problem(
                                w.get("queued"),
                                field + ".when.queued",
                                scalar(w.get("queued")),
                                "must be 1 to 10000 calls");
                    else queued = (int) q;
                }
                if (w.containsKey("capacity")) {
                    capacity = named(w.get("capacity"), field + ".when.capacity", Colour.class);
                    if (capacity.filter(c -> c == Colour.GREEN).isPresent()) {
                        problem(w.get("capacity"), field + ".when.capacity", "GREEN", "must be AMBER, RED or NONE");
                        capacity = Optional.empty();
                    }
                }
            }
            AidNeed need = null;
            Node ask = required(k, item, field, "ask");
            if (ask != null) need = need(ask, field + ".ask");
            SortedSet<OrganisationId> from = organisations(required(k, item, field, "from"), field + ".from");
            SortedSet<OrganisationId> declining = k.containsKey("declining")
                    ? organisations(k.get("declining"), field + ".declining")
                    : new TreeSet<>();
            requester.ifPresent(r -> {
                if (from.contains(r.id()))
                    problem(k.get("from"), field + ".from", r.id().value(), "must not include the requester itself");
            });
            for (OrganisationId d : declining)
                if (!from.contains(d))
                    problem(k.get("declining"), field + ".declining", d.value(), "must be one of those asked " + from);
            Duration answer = k.containsKey("answerAfter")
                    ? duration(k.get("answerAfter"), field + ".answerAfter", true)
                    : Duration.ofMinutes(15);
            Duration lending = duration(required(k, item, field, "for"), field + ".for", false);
            if (requester.isEmpty()
                    || (queued == 0 && capacity.isEmpty())
                    || need == null
                    || from.isEmpty()
                    || answer == null
                    || lending == null) continue;
            out.add(new AidPolicy(requester.get().id(), queued, capacity, need, from, declining, answer, lending));
        }
        return out;
    }

    /** {@code {type: ARMED_RESPONSE_VEHICLE, count: 2}} or {@code {skill: AUTHORISED_FIREARMS_OFFICER, count: 4}}. */
    private AidNeed need(Node node, String field) {
        Map<String, Node> k = mapping(node, field, Set.of("type", "skill", "count"));
        long count = 0;
        Node c = required(k, node, field, "count");
        if (c != null) {
            count = integer(c, field + ".count");
            if (count < 1 || count > 10_000) {
                problem(c, field + ".count", scalar(c), "must be 1 to 10000");
                count = 0;
            }
        }
        if (k.containsKey("type") == k.containsKey("skill")) {
            problem(node, field, "", "must name either a unit type ('type: ...') or a skill ('skill: ...')");
            return null;
        }
        if (count == 0) return null;
        int n = (int) count;
        if (k.containsKey("type"))
            return named(k.get("type"), field + ".type", UnitType.class)
                    .map(t -> AidNeed.units(t, n, Set.of()))
                    .orElse(null);
        return named(k.get("skill"), field + ".skill", Skill.class)
                .map(s -> AidNeed.people(s, n, Set.of()))
                .orElse(null);
    }

    private static final IncidentTypeCatalogue CATALOGUE = IncidentTypeCatalogue.defaults();

    /**
     * {@code targets: {WSP: {EMERGENCY: 20m}, MAS: {C2: mean 18m, p90 40m}}}: organisations' own response-time
     * targets, written as in the service's {@code muster.targets.<ORG>.<PRIORITY>}, each for a priority of the
     * organisation's own agency. Without them a police force or fire service has none and its zones cannot breach.
     */
    private ResponseTargets targets(Node node) {
        ResponseTargets out = ResponseTargets.DEFAULTS;
        Map<String, Organisation> byId = new LinkedHashMap<>();
        for (Organisation o : regionOrganisations) byId.put(o.id().value(), o);
        for (var org : mapping(node, "targets", byId.keySet()).entrySet()) {
            Organisation o = byId.get(org.getKey());
            String field = "targets." + org.getKey();
            Set<String> own = new java.util.TreeSet<>();
            for (Priority p : Priority.values()) if (p.appliesTo(o.agency())) own.add(p.name());
            out = byPriority(org.getValue(), field, own, out, (t, p, target) -> t.withOwn(o.id(), p, target));
        }
        return out;
    }

    /** Sets a target for a priority in some targets. */
    private interface TargetSetting {
        ResponseTargets with(ResponseTargets targets, Priority priority, ResponseTargets.Target target);
    }

    /**
     * {@code {EMERGENCY: 20m, C2: 'mean 18m, p90 40m'}} at {@code field}: each of the {@code allowed} priorities'
     * target, set in {@code targets} by {@code setting}; a bad one is a problem with its line.
     */
    private ResponseTargets byPriority(
            Node node, String field, Set<String> allowed, ResponseTargets targets, TargetSetting setting) {
        ResponseTargets out = targets;
        for (var entry : mapping(node, field, allowed).entrySet()) {
            String at = field + "." + entry.getKey();
            String text = scalar(entry.getValue());
            try {
                out = setting.with(out, Priority.valueOf(entry.getKey()), ResponseTargets.Target.parse(at, text));
            } catch (InvalidInputException e) {
                problem(
                        entry.getValue(),
                        at,
                        text,
                        "must be a 90th centile such as 20m, or both parts, such as 'mean 7m, p90 15m'");
            }
        }
        return out;
    }

    /**
     * {@code zoneTargets: {WSP-03: {EMERGENCY: 20m}}}: zones' own response-time targets, written as the service's
     * {@code muster.zone-targets.<ZONE>.<PRIORITY>}. Within the zone they replace its organisation's: a rural
     * zone's 20 minutes where the force's own is 15, as the Home Office's announced police standard has it. Each
     * zone is kept with its line, to be checked against the region once it is loaded.
     */
    private ResponseTargets zoneTargets(Node node, ResponseTargets targets) {
        ResponseTargets out = targets;
        if (!(node instanceof MappingNode m)) {
            problem(node, "zoneTargets", scalar(node), "must be a mapping of zone ids to targets by priority");
            return out;
        }
        Set<String> priorities = new java.util.TreeSet<>();
        for (Priority p : Priority.values()) priorities.add(p.name());
        Map<String, Integer> lines = new java.util.HashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node key = t.getKeyNode();
            String id = key instanceof ScalarNode k ? k.getValue() : "";
            int line = key.getStartMark().getLine() + 1;
            String field = "zoneTargets." + id;
            ZoneId zone;
            try {
                zone = ZoneId.of(id);
            } catch (InvalidInputException e) {
                problem(key, "zoneTargets", id, "must be a zone id such as MAS-01");
                continue;
            }
            Integer first = lines.putIfAbsent(id, line);
            if (first != null) {
                problem(key, field, id, "is given twice; first on line " + first);
                continue;
            }
            zones.add(new ZoneReference(zone, file + " line " + line + ": " + field));
            out = byPriority(t.getValueNode(), field, priorities, out, (z, p, target) -> z.withZone(zone, p, target));
        }
        return out;
    }

    /** An organisation of every generated region ({@link RegionOrganisations}). */
    private Optional<Organisation> organisation(Node node, String field) {
        if (node == null) return Optional.empty();
        String id = scalar(node);
        Optional<Organisation> o = regionOrganisations.stream()
                .filter(x -> x.id().value().equals(id))
                .findFirst();
        if (o.isEmpty())
            problem(
                    node,
                    field,
                    id,
                    "is not an organisation of the region; expected one of "
                            + regionOrganisations.stream()
                                    .map(x -> x.id().value())
                                    .sorted()
                                    .toList());
        return o;
    }

    private SortedSet<OrganisationId> organisations(Node node, String field) {
        SortedSet<OrganisationId> out = new TreeSet<>();
        if (node == null) return out;
        for (Node n : list(node, field)) organisation(n, field).ifPresent(o -> out.add(o.id()));
        return out;
    }

    /** Zones by id, each kept with its line to be checked once the region is loaded. */
    private SortedSet<ZoneId> zoneList(Node node, String field) {
        SortedSet<ZoneId> out = new TreeSet<>();
        if (node == null) return out;
        for (Node n : list(node, field)) {
            String id = scalar(n);
            if (id.isBlank() || !(n instanceof ScalarNode)) {
                problem(n, field, id, "must be a zone id such as MAS-01");
                continue;
            }
            ZoneId z = ZoneId.of(id);
            out.add(z);
            zones.add(new ZoneReference(z, file + " line " + (n.getStartMark().getLine() + 1) + ": " + field));
        }
        if (out.isEmpty() && node instanceof SequenceNode) problem(node, field, "[]", "must name at least one zone");
        return out;
    }

    /** A list; a single value stands for a list of one. */
    private List<Node> list(Node node, String field) {
        if (node instanceof SequenceNode s) return s.getValue();
        if (node instanceof ScalarNode) return List.of(node);
        problem(node, field, scalar(node), "must be a list");
        return List.of();
    }

    /** A share: more than 0, at most 1. */
    private double share(Node node, String field) {
        String text = scalar(node).strip();
        if (text.endsWith("%")) {
            problem(node, field, text, "must be a share more than 0 and at most 1, such as 0.3: write 20% as 0.2");
            return Double.NaN;
        }
        double d = number(node, field);
        if (Double.isNaN(d)) return d;
        if (!(d > 0 && d <= 1)) {
            problem(node, field, scalar(node), "must be a share more than 0 and at most 1, such as 0.3");
            return Double.NaN;
        }
        return d;
    }

    /**
     * When a shock starts: a time into the run ({@code 2h}) or an instant ({@code 2026-11-17T02:00:00Z}),
     * within the run; null after reporting a problem.
     */
    private Instant at(Node node, String field, Instant start, Duration duration) {
        if (node == null) return null;
        String s = scalar(node);
        Instant at;
        Optional<Duration> offset = parseDuration(s);
        if (offset.isPresent() && !offset.get().isNegative()) at = start.plus(offset.get());
        else {
            try {
                at = Instant.parse(s);
            } catch (DateTimeParseException e) {
                problem(node, field, s, "must be a time into the run such as 2h, or an instant such as " + start);
                return null;
            }
        }
        Instant end = start.plus(duration);
        if (at.isBefore(start) || !at.isBefore(end)) {
            problem(node, field, s, "must fall within the run, from " + start + " to before " + end);
            return null;
        }
        return at;
    }

    private boolean onOff(Node node, String field) {
        String s = scalar(node).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> {
                problem(node, field, scalar(node), "must be on or off");
                yield true;
            }
        };
    }

    /** An enum constant by its name, case-insensitive; a problem naming those allowed otherwise. */
    private <E extends Enum<E>> Optional<E> named(Node node, String field, Class<E> type) {
        if (node == null) return Optional.empty();
        String s = scalar(node).strip();
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(s)) return Optional.of(e);
        problem(
                node,
                field,
                s,
                "is not one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                                .map(Enum::name)
                                .sorted()
                                .toList());
        return Optional.empty();
    }

    /**
     * {@code region: {generated: {seed: N}}} or {@code region: {files: {osm: F, organisations: F, ...}}}: a
     * generated region's seed (0 for a file region, whose files are kept in {@link #files}).
     */
    private long region(Node node) {
        if (node == null) return 0;
        Map<String, Node> region = mapping(node, "region", Set.of("generated", "files"));
        Node generated = region.get("generated");
        if (region.size() != 1) {
            problem(
                    node,
                    "region",
                    String.join(",", region.keySet()),
                    "must name one kind: 'generated: {seed: N}' (a region generated as ./muster demo does) or"
                            + " 'files: {osm: ..., organisations: ..., zones: ..., stations: ..., units: ...,"
                            + " people: ...}' (a real OSM extract with its own files)");
            return 0;
        }
        if (generated == null) {
            files = regionFiles(region.get("files"));
            return 0;
        }
        Map<String, Node> g = mapping(generated, "region.generated", Set.of("seed"));
        return g.containsKey("seed") ? integer(g.get("seed"), "region.generated.seed") : 7;
    }

    /** The file keys of {@code region.files}, each a path from this file's folder. */
    private static final List<String> REGION_FILES =
            List.of("osm", "organisations", "zones", "stations", "units", "people", "settlements");

    private Optional<FileRegion> regionFiles(Node node) {
        Map<String, Node> k = mapping(node, "region.files", new java.util.HashSet<>(REGION_FILES));
        Map<String, Path> paths = new java.util.HashMap<>();
        for (String key : REGION_FILES) {
            Node n = key.equals("settlements") ? k.get(key) : required(k, node, "region.files", key);
            if (n == null) continue;
            String name = scalar(n);
            Path path = folder.resolve(name).normalize();
            if (!(n instanceof ScalarNode) || name.isBlank() || !Files.isRegularFile(path) || !Files.isReadable(path))
                problem(
                        n,
                        "region.files." + key,
                        name,
                        "must name a readable file that exists, from this file's folder (" + folder + ")");
            else paths.put(key, path);
        }
        if (paths.size() != k.size() || !paths.keySet().containsAll(REGION_FILES.subList(0, 6)))
            return Optional.empty();
        // the shocks, aid and replayed calls name organisations: those of the file, checked as the file is read
        try {
            regionOrganisations = RegionFiles.readOrganisations(paths.get("organisations")).stream()
                    .map(RegionManifest.OrganisationEntry::toOrganisation)
                    .toList();
        } catch (InvalidInputException e) {
            e.violations()
                    .forEach(v -> problem(
                            k.get("organisations"), "region.files.organisations " + v.field(), v.value(), v.rule()));
        }
        return Optional.of(new FileRegion(
                paths.get("osm"),
                paths.get("organisations"),
                paths.get("zones"),
                paths.get("stations"),
                paths.get("units"),
                paths.get("people"),
                Optional.ofNullable(paths.get("settlements"))));
    }

    private CrewConfig service(Node node) {
        Map<String, Node> service = mapping(
                node,
                "service",
                Set.of(
                        "turnout",
                        "onScene",
                        "handover",
                        "handoverSpread",
                        "clear",
                        "spread",
                        "positionInterval",
                        "times",
                        "conveyed"));
        CrewConfig d = CrewConfig.defaults();
        Map<Agency, Duration> turnout = new EnumMap<>(d.turnout());
        Map<Agency, Duration[]> onScene = new EnumMap<>(d.onScene());
        Duration handover = d.handover();
        double spread = d.spread();
        if (service.containsKey("turnout")) {
            for (var e : agencies(service.get("turnout"), "service.turnout").entrySet()) {
                Duration t = duration(e.getValue(), "service.turnout." + key(e.getKey()), true);
                if (t != null) turnout.put(e.getKey(), t);
            }
        }
        if (service.containsKey("onScene")) {
            for (var e : agencies(service.get("onScene"), "service.onScene").entrySet()) {
                String field = "service.onScene." + key(e.getKey());
                if (!(e.getValue() instanceof SequenceNode list)
                        || list.getValue().size() != 4) {
                    problem(
                            e.getValue(),
                            field,
                            scalar(e.getValue()),
                            "must list 4 medians, urgency 1 to 4, such as [40m, 35m, 35m, 25m]");
                    continue;
                }
                Duration[] medians = new Duration[4];
                for (int i = 0; i < 4; i++)
                    medians[i] = duration(list.getValue().get(i), field + "[" + i + "]", false);
                if (java.util.Arrays.stream(medians).allMatch(java.util.Objects::nonNull))
                    onScene.put(e.getKey(), medians);
            }
        }
        if (service.containsKey("handover")) {
            Duration h = duration(service.get("handover"), "service.handover", false);
            if (h != null) handover = h;
        }
        Duration positions = d.positionInterval();
        if (service.containsKey("positionInterval")) {
            positionIntervalGiven = true;
            Node p = service.get("positionInterval");
            Duration every = duration(p, "service.positionInterval", false);
            if (every != null && every.compareTo(Duration.ofSeconds(1)) < 0)
                problem(p, "service.positionInterval", scalar(p), "must be at least 1s");
            else if (every != null) positions = every;
        }
        if (service.containsKey("spread")) {
            Node s = service.get("spread");
            double v = number(s, "service.spread");
            if (!Double.isNaN(v) && (v < 0 || v > 3))
                problem(
                        s,
                        "service.spread",
                        scalar(s),
                        "must be 0 to 3 (the standard deviation of the log of each time)");
            else if (!Double.isNaN(v)) spread = v;
        }
        double handoverSpread = spread;
        if (service.containsKey("handoverSpread")) {
            Node s = service.get("handoverSpread");
            double v = number(s, "service.handoverSpread");
            if (!Double.isNaN(v) && (v < 0 || v > 3))
                problem(
                        s,
                        "service.handoverSpread",
                        scalar(s),
                        "must be 0 to 3 (the standard deviation of the log of the handover)");
            else if (!Double.isNaN(v)) handoverSpread = v;
        }
        Duration clear = Duration.ZERO;
        if (service.containsKey("clear")) {
            Duration c = duration(service.get("clear"), "service.clear", true);
            if (c != null) clear = c;
        }
        CrewConfig.Times times = CrewConfig.Times.LOG_NORMAL;
        if (service.containsKey("times")) {
            Node t = service.get("times");
            switch (scalar(t).strip().toLowerCase(Locale.ROOT)) {
                case "lognormal" -> times = CrewConfig.Times.LOG_NORMAL;
                case "exponential" -> times = CrewConfig.Times.EXPONENTIAL;
                default -> problem(t, "service.times", scalar(t), "must be lognormal or exponential");
            }
        }
        Map<IncidentTypeCode, Double> conveyed = new java.util.TreeMap<>();
        if (service.containsKey("conveyed")) {
            Node c = service.get("conveyed");
            if (!(c instanceof MappingNode m))
                problem(c, "service.conveyed", scalar(c), "must map incident types to shares, such as {FALL: 0.5}");
            else
                for (NodeTuple t : m.getValue()) {
                    String f = "service.conveyed." + scalar(t.getKeyNode());
                    Optional<IncidentTypeCode> type = incidentType(t.getKeyNode(), f);
                    if (type.isPresent() && CATALOGUE.getType(type.get()).agency() != Agency.AMBULANCE) {
                        problem(
                                t.getKeyNode(),
                                f,
                                type.get().value(),
                                "must be an ambulance incident type: only ambulances convey");
                        continue;
                    }
                    double share = number(t.getValueNode(), f);
                    if (!Double.isNaN(share) && (share < 0 || share > 1))
                        problem(
                                t.getValueNode(),
                                f,
                                scalar(t.getValueNode()),
                                "must be a share from 0 to 1, such as 0.6");
                    else if (!Double.isNaN(share) && type.isPresent()) conveyed.put(type.get(), share);
                }
        }
        return new CrewConfig(
                        positions, turnout, onScene, d.conveyShare(), handover, spread, times, handoverSpread, clear)
                .withConveyShares(conveyed);
    }

    private Map<Agency, Node> agencies(Node node, String field) {
        Set<String> names = Set.of("police", "ambulance", "fire");
        Map<Agency, Node> out = new EnumMap<>(Agency.class);
        mapping(node, field, names).forEach((k, v) -> out.put(Agency.valueOf(k.toUpperCase(Locale.ROOT)), v));
        return out;
    }

    private static String key(Agency a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    // --- the node readers: each reports a problem and answers a harmless value, so reading goes on ---

    /** The mapping's keys and values, in file order; an unknown key is a problem naming those allowed. */
    private Map<String, Node> mapping(Node node, String field, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            problem(node, field, scalar(node), "must be a mapping of " + sorted(allowed));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            String path = field.isEmpty() ? k : field + "." + k;
            if (!allowed.contains(k)) {
                problem(
                        t.getKeyNode(),
                        path,
                        k,
                        "is not a key here; "
                                + nearest(k, allowed)
                                        .map(n -> "did you mean '" + n + "'? ")
                                        .orElse("")
                                + "expected one of " + sorted(allowed));
                misspelt.add(node);
            } else if (out.containsKey(k))
                // composing a tree does not refuse a repeated key (only binding does): the second would win silently
                problem(
                        t.getKeyNode(),
                        path,
                        k,
                        "is given twice; first on line "
                                + (out.get(k).getStartMark().getLine() + 1));
            else out.put(k, t.getValueNode());
        }
        return out;
    }

    /**
     * The allowed key a mistyped one most likely meant: one or two letters off ({@code poeple}, {@code zone} for
     * {@code zones}; one for a key of four letters or fewer), whatever the case; empty when none is that close.
     */
    static Optional<String> nearest(String key, Set<String> allowed) {
        int most = Math.max(1, Math.min(2, (key.length() + 1) / 3));
        LevenshteinDistance distance = new LevenshteinDistance(most);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : new java.util.TreeSet<>(allowed)) {
            // -1: further than the most allowed
            int d = distance.apply(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The key's node; a problem naming it under {@code within} (a list item's field, say) when it is missing. */
    private Node required(Map<String, Node> keys, Node parent, String within, String key) {
        Node n = keys.get(key);
        if (n == null) problem(parent, within.isEmpty() ? key : within + "." + key, "", "is required");
        return n;
    }

    private String text(Node node, String field) {
        String s = scalar(node);
        if (!(node instanceof ScalarNode) || s.isBlank()) {
            problem(node, field, s, "must be some text");
            return "scenario";
        }
        return s;
    }

    private Instant instant(Node node, String field) {
        if (node == null) return Instant.EPOCH;
        String s = scalar(node);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            problem(node, field, s, "must be an instant in UTC such as 2026-11-20T18:00:00Z");
            return Instant.EPOCH;
        }
    }

    private long integer(Node node, String field) {
        String s = scalar(node);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            problem(node, field, s, "must be a whole number");
            return 0;
        }
    }

    private double number(Node node, String field) {
        String s = scalar(node);
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, field, s, "must be a number");
        return Double.NaN;
    }

    /** A rate's multiplier: a number, 0 or more, at most 1000. */
    private double rate(Node node, String field) {
        double d = number(node, field);
        if (Double.isNaN(d)) return 1;
        if (d < 0 || d > 1000) {
            problem(node, field, scalar(node), "must be 0 or more, at most 1000 (a multiple of the demo's demand)");
            return 1;
        }
        return d;
    }

    /**
     * A duration: {@code 90s}, {@code 15m}, {@code 24h}, {@code 2d} or ISO-8601 ({@code PT24H}), more than
     * nothing (or, when {@code zeroAllowed}, at least nothing); null after reporting a problem.
     */
    private Duration duration(Node node, String field, boolean zeroAllowed) {
        if (node == null) return null;
        String s = scalar(node);
        Optional<Duration> d = parseDuration(s);
        if (d.isEmpty() || d.get().isNegative() || (!zeroAllowed && d.get().isZero())) {
            problem(
                    node,
                    field,
                    s,
                    "must be a " + (zeroAllowed ? "" : "positive ") + "duration such as 90s, 15m, 24h, 2d or PT24H");
            return null;
        }
        return d.get();
    }

    static Optional<Duration> parseDuration(String text) {
        String t = text.strip();
        try {
            if (t.toUpperCase(Locale.ROOT).startsWith("P"))
                return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            if (t.length() < 2) return Optional.empty();
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Optional.of(Duration.ofSeconds(n));
                case 'm' -> Optional.of(Duration.ofMinutes(n));
                case 'h' -> Optional.of(Duration.ofHours(n));
                case 'd' -> Optional.of(Duration.ofDays(n));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String scalar(Node node) {
        if (node instanceof ScalarNode s) return s.getValue();
        if (node instanceof MappingNode) return "(a mapping)";
        if (node instanceof SequenceNode) return "(a list)";
        return "";
    }

    /**
     * An override's value as the file would say it: a flow list or mapping as YAML reads it, anything else as
     * the text it is (so {@code 0.05} is read by the key's own reader, as a value in the file is).
     */
    private static Node value(String key, String value) {
        String v = value.strip();
        if (!v.startsWith("[") && !v.startsWith("{"))
            return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
        try {
            return withoutLines(new Yaml(new LoaderOptions()).compose(new java.io.StringReader(v)));
        } catch (MarkedYAMLException e) {
            throw org.muster.domain.InvalidInputException.of(
                    key, value, "must be a YAML value, such as [] or {rule: sameZone}: " + firstLine(e.getProblem()));
        }
    }

    /** A copy of {@code node} without its marks: a problem in an override's value has no line in the file. */
    private static Node withoutLines(Node node) {
        if (node instanceof SequenceNode s)
            return new SequenceNode(
                    s.getTag(),
                    new ArrayList<>(s.getValue().stream()
                            .map(ScenarioFile::withoutLines)
                            .toList()),
                    s.getFlowStyle());
        if (node instanceof MappingNode m)
            return new MappingNode(
                    m.getTag(),
                    new ArrayList<>(m.getValue().stream()
                            .map(t -> new NodeTuple(withoutLines(t.getKeyNode()), withoutLines(t.getValueNode())))
                            .toList()),
                    m.getFlowStyle());
        ScalarNode s = (ScalarNode) node;
        return new ScalarNode(s.getTag(), s.getValue(), null, null, s.getScalarStyle());
    }

    /** Puts {@code value} at the dotted key under {@code node}, making the mappings on the way when absent. */
    private static void override(MappingNode node, String[] key, int at, String value) {
        NodeTuple found = null;
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key[at])) found = t;
        }
        Node next;
        if (at < key.length - 2 && key[at + 1].matches("\\d{1,3}")) {
            // a list's item by its index, such as shocks.0.withdraw.people: it must be there already
            int index = Integer.parseInt(key[at + 1]);
            if (found == null
                    || !(found.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode list)
                    || index >= list.getValue().size()
                    || !(list.getValue().get(index) instanceof MappingNode item))
                throw org.muster.domain.InvalidInputException.of(
                        String.join(".", key),
                        value,
                        "names " + key[at] + "[" + index + "], which the scenario does not have");
            override(item, key, at + 2, value);
            return;
        }
        if (at == key.length - 1) {
            next = value(String.join(".", key), value);
        } else if (found != null && found.getValueNode() instanceof MappingNode m) {
            override(m, key, at + 1, value);
            return;
        } else {
            MappingNode m = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
            override(m, key, at + 1, value);
            next = m;
        }
        List<NodeTuple> tuples = new ArrayList<>(node.getValue());
        if (found != null) tuples.remove(found);
        tuples.add(new NodeTuple(new ScalarNode(Tag.STR, key[at], null, null, DumperOptions.ScalarStyle.PLAIN), next));
        node.setValue(tuples);
    }

    private void problem(Node node, String field, String value, String rule) {
        // a value put in by an override (--beside, --sweep) has no line in the file: say where it came from
        String where = node == null
                ? file
                : node.getStartMark() == null
                        ? file + (overrides.isEmpty() ? "" : ", as the command line sets it")
                        : file + " line " + (node.getStartMark().getLine() + 1);
        problems.add(where + ": " + field, value, rule);
    }

    private static String sorted(Set<String> keys) {
        return List.copyOf(new java.util.TreeSet<>(keys)).toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
