package org.muster.sim.demand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.performance.ResponseTargets;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionManifest;
import org.muster.geo.region.SettlementKind;
import org.muster.geo.zone.ZoneShape;

/**
 * The targets a generated region's police forces are judged against, by one rule: emergencies within the Home
 * Office's announced standard, 15 minutes in towns and 20 in the country, as 90th centiles; priority calls within
 * an hour (Suffolk's published policy: "within 30 minutes of the initial call, but certainly within 60"). A
 * district is a town's when a town or city lies in it (its centre inside); a force's own target is that of most
 * of its districts (a tie goes to the town's, the stricter), and a district that differs has its own.
 *
 * <p>There is no national police standard to build in: a force sets its own, and without them a force's zones
 * are never judged, projected or breached. The demo's forces are judged by these, and the shipped scenarios on
 * the demo's region write the same ones out ({@code ScenarioTargetsTest} holds them to it).
 */
public final class PoliceTargets {
    /** Emergencies in a district with a town or city. */
    public static final Duration TOWN = Duration.ofMinutes(15);
    /** Emergencies in a district of villages and country. */
    public static final Duration COUNTRY = Duration.ofMinutes(20);
    /** Priority calls, anywhere. */
    public static final Duration PRIORITY = Duration.ofMinutes(60);

    private PoliceTargets() {}

    /** The national standards, with the region's forces' own and their districts' where they differ. */
    public static ResponseTargets of(GeneratedRegion region) {
        RegionManifest manifest = region.manifest();
        Map<OrganisationId, List<ZoneTarget>> byForce = new TreeMap<>();
        for (ZoneShape z : RegionDemand.leafZones(region)) {
            boolean police = manifest.listOrganisations().stream()
                    .anyMatch(o -> o.id().equals(z.organisation()) && o.agency() == Agency.POLICE);
            if (!police) continue;
            boolean town = manifest.settlements().stream()
                    .filter(s -> s.kind() != SettlementKind.VILLAGE)
                    .anyMatch(s -> z.area().covers(GeoPoint.of(s.lat(), s.lon())));
            byForce.computeIfAbsent(z.organisation(), k -> new ArrayList<>())
                    .add(new ZoneTarget(z.id(), town ? TOWN : COUNTRY));
        }
        ResponseTargets out = ResponseTargets.DEFAULTS;
        for (var force : byForce.entrySet()) {
            long towns = force.getValue().stream()
                    .filter(t -> t.emergency().equals(TOWN))
                    .count();
            Duration own = 2 * towns >= force.getValue().size() ? TOWN : COUNTRY;
            out = out.withOwn(force.getKey(), Priority.EMERGENCY, p90(own))
                    .withOwn(force.getKey(), Priority.PRIORITY, p90(PRIORITY));
            for (ZoneTarget t : force.getValue())
                if (!t.emergency().equals(own)) out = out.withZone(t.zone(), Priority.EMERGENCY, p90(t.emergency()));
        }
        return out;
    }

    private static ResponseTargets.Target p90(Duration d) {
        return new ResponseTargets.Target(Optional.empty(), Optional.of(d), ResponseTargets.Source.ORGANISATION);
    }

    private record ZoneTarget(ZoneId zone, Duration emergency) {}
}
