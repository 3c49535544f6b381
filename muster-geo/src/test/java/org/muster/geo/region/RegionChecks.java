package org.muster.geo.region;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.people.Person;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.UnitId;
import org.muster.geo.zone.ZoneIndex;

/** Invariants of a generated region, checked from its files alone. Each returns what is wrong, if anything. */
final class RegionChecks {
    private RegionChecks() {}

    /** Units whose crew fails the default crewing rules, to be on the road or for a capability. */
    static List<String> crewProblems(List<UnitRecord> units, List<PersonRecord> people) {
        CrewingRules rules = CrewingRules.defaults();
        Map<UnitId, List<Person>> crews = new HashMap<>();
        for (PersonRecord p : people) {
            p.unit()
                    .ifPresent(u ->
                            crews.computeIfAbsent(u, k -> new ArrayList<>()).add(p.toPerson()));
        }
        List<String> problems = new ArrayList<>();
        for (UnitRecord u : units) {
            List<Person> crew = crews.getOrDefault(u.id(), List.of());
            if (!rules.shortfall(u.type(), crew).isEmpty()) {
                problems.add(u.id() + " " + u.type() + " short of " + rules.shortfall(u.type(), crew));
            }
            if (!rules.liveCapabilities(u.type(), crew).equals(u.type().equipment())) {
                problems.add(u.id() + " offers only " + rules.liveCapabilities(u.type(), crew));
            }
            if (crew.size() > u.seats())
                problems.add(u.id() + " carries " + crew.size() + " in " + u.seats() + " seats");
            if (crew.stream().anyMatch(p -> !p.organisation().equals(u.organisation()))) {
                problems.add(u.id() + " has crew from another organisation");
            }
        }
        return problems;
    }

    /** Stations and units that no sub-zone of their own organisation holds. */
    static List<String> outsideOwnZones(ZoneIndex subZones, List<Station> stations, List<UnitRecord> units) {
        List<String> problems = new ArrayList<>();
        for (Station s : stations) {
            if (!inOwnZone(subZones, s.location(), s.organisation())) problems.add(s.id() + " at " + s.location());
        }
        for (UnitRecord u : units) {
            if (!inOwnZone(subZones, u.position(), u.organisation())) problems.add(u.id() + " at " + u.position());
        }
        return problems;
    }

    private static boolean inOwnZone(ZoneIndex index, GeoPoint p, OrganisationId org) {
        return index.listContaining(p).stream().anyMatch(z -> z.organisation().equals(org));
    }

    /**
     * How many road nodes cannot be reached from the first node, or cannot reach it, respecting one-way
     * streets: zero when every junction can be driven to from every other.
     */
    static long nodesNotStronglyConnected(Path osm) throws IOException, XMLStreamException {
        Map<Long, Integer> index = new HashMap<>();
        List<List<Integer>> forward = new ArrayList<>();
        List<List<Integer>> backward = new ArrayList<>();
        try (InputStream in = Files.newInputStream(osm)) {
            XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
            List<Long> refs = new ArrayList<>();
            boolean oneWay = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "way" -> {
                            refs.clear();
                            oneWay = false;
                        }
                        case "nd" -> refs.add(Long.parseLong(xml.getAttributeValue(null, "ref")));
                        case "tag" ->
                            oneWay |= "oneway".equals(xml.getAttributeValue(null, "k"))
                                    && "yes".equals(xml.getAttributeValue(null, "v"));
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && xml.getLocalName().equals("way")) {
                    for (int i = 1; i < refs.size(); i++) {
                        int a = index.computeIfAbsent(refs.get(i - 1), k -> grow(forward, backward));
                        int b = index.computeIfAbsent(refs.get(i), k -> grow(forward, backward));
                        forward.get(a).add(b);
                        backward.get(b).add(a);
                        if (!oneWay) {
                            forward.get(b).add(a);
                            backward.get(a).add(b);
                        }
                    }
                }
            }
        }
        return unreached(forward) + unreached(backward);
    }

    private static int grow(List<List<Integer>> forward, List<List<Integer>> backward) {
        forward.add(new ArrayList<>());
        backward.add(new ArrayList<>());
        return forward.size() - 1;
    }

    private static long unreached(List<List<Integer>> graph) {
        boolean[] seen = new boolean[graph.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        seen[0] = true;
        long reached = 1;
        while (!queue.isEmpty()) {
            for (int next : graph.get(queue.poll())) {
                if (!seen[next]) {
                    seen[next] = true;
                    reached++;
                    queue.add(next);
                }
            }
        }
        return graph.size() - reached;
    }
}
