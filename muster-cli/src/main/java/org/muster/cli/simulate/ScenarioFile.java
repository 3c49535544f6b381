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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Agency;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.des.Scenario;
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
    private static final Set<String> TOP =
            Set.of("name", "region", "start", "duration", "seed", "demand", "service", "control", "baseline");

    /**
     * A scenario as read, before its region is loaded.
     *
     * @param regionSeed the seed of the generated region it runs on
     * @param baseline the scenario file to run beside it and compare it with, when it names one
     */
    public record Read(Scenario scenario, long regionSeed, Optional<Path> baseline) {
        public Read(Scenario scenario, long regionSeed) {
            this(scenario, regionSeed, Optional.empty());
        }
    }

    private final String file;
    // where a baseline's file name is resolved from: the scenario file's folder
    private Path folder = Path.of("");
    private Map<String, String> overrides = Map.of();
    private final Check problems = Check.collecting();

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
     * @param overrides a dotted key ({@code demand.scale}) and the YAML scalar to put in its place, added
     *     when the file leaves it out; checked as if the file said it
     */
    public static Read read(Path path, OptionalLong seedOverride, Map<String, String> overrides) {
        Check.present("path", path);
        Check.present("overrides", overrides);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of("SCENARIO", path, "must be a scenario file that exists");
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
        long regionSeed = region(required(keys, top, "region"));
        Instant start = instant(required(keys, top, "start"), "start");
        Duration duration = duration(required(keys, top, "duration"), "duration", false);
        if (duration != null && duration.compareTo(Scenario.LONGEST) > 0)
            problem(keys.get("duration"), "duration", scalar(keys.get("duration")), "must be at most 28 days (28d)");
        long seed = keys.containsKey("seed") ? integer(keys.get("seed"), "seed") : 1;
        double scale = 1.0;
        if (keys.containsKey("demand")) {
            Map<String, Node> demand = mapping(keys.get("demand"), "demand", Set.of("scale"));
            if (demand.containsKey("scale")) scale = rate(demand.get("scale"), "demand.scale");
        }
        CrewConfig crews = keys.containsKey("service") ? service(keys.get("service")) : CrewConfig.defaults();
        Duration delay = LiveSimulation.DEFAULT_DISPATCH_DELAY;
        Duration interval = LiveSimulation.DEFAULT_DISPATCH_INTERVAL;
        if (keys.containsKey("control")) {
            Map<String, Node> control =
                    mapping(keys.get("control"), "control", Set.of("dispatchDelay", "dispatchInterval"));
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
        problems.throwIfAny();
        Scenario scenario =
                new Scenario(name, start, duration, seedOverride.orElse(seed), scale, crews, delay, interval);
        return new Read(scenario, regionSeed, baseline);
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

    /** {@code region: {generated: {seed: N}}}: the only kind in this slice. */
    private long region(Node node) {
        if (node == null) return 0;
        Map<String, Node> region = mapping(node, "region", Set.of("generated"));
        Node generated = region.get("generated");
        if (generated == null) {
            problem(
                    node,
                    "region",
                    "",
                    "must name its kind: 'generated: {seed: N}' (a region generated as ./muster demo"
                            + " does; OSM extracts are not supported yet)");
            return 0;
        }
        Map<String, Node> g = mapping(generated, "region.generated", Set.of("seed"));
        return g.containsKey("seed") ? integer(g.get("seed"), "region.generated.seed") : 7;
    }

    private CrewConfig service(Node node) {
        Map<String, Node> service =
                mapping(node, "service", Set.of("turnout", "onScene", "handover", "spread", "positionInterval"));
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
        return new CrewConfig(positions, turnout, onScene, d.conveyShare(), handover, spread);
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
            if (!allowed.contains(k))
                problem(t.getKeyNode(), path, k, "is not a key here; expected one of " + sorted(allowed));
            else if (out.containsKey(k))
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

    private Node required(Map<String, Node> keys, Node parent, String key) {
        Node n = keys.get(key);
        if (n == null) problem(parent, key, "", "is required");
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

    /** Puts {@code value} at the dotted key under {@code node}, making the mappings on the way when absent. */
    private static void override(MappingNode node, String[] key, int at, String value) {
        NodeTuple found = null;
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key[at])) found = t;
        }
        Node next;
        if (at == key.length - 1) {
            next = new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
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
        // a value put in by an override has no line in the file
        String where = node == null || node.getStartMark() == null
                ? file
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
