package org.muster.geo.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;

/**
 * Places police, ambulance and fire stations and hospitals in settlements, as services site them: two of
 * each in a city, one in a town, fire stations also in the bigger villages (retained crews), hospitals in
 * cities and some towns. Each stands on a street junction near the centre, on its own force's side of
 * the police boundary.
 */
final class StationPlanner {
    private final RegionLayout layout;
    private final PoliceBoundary boundary;
    private final List<PlannedStation> stations = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();

    private StationPlanner(RegionLayout layout, PoliceBoundary boundary) {
        this.layout = layout;
        this.boundary = boundary;
    }

    static List<PlannedStation> plan(RegionLayout layout, PoliceBoundary boundary) {
        return new StationPlanner(layout, boundary).plan();
    }

    private List<PlannedStation> plan() {
        List<Town> bySize = layout.towns().stream()
                .sorted(Comparator.comparing((Town t) -> t.kind)
                        .thenComparing(Comparator.comparingLong(Town::nodeCount).reversed())
                        .thenComparingInt(t -> t.index))
                .toList();
        police(bySize);
        int townRank = 0;
        int villageRank = 0;
        long retainedFireStations =
                Math.max(1, Math.round(2 * StrictMath.pow(layout.spec().scale(), 0.8)));
        for (Town t : bySize) {
            switch (t.kind) {
                case CITY -> {
                    add(RegionOrganisations.AMBULANCE, StationKind.AMBULANCE_STATION, t, "Ambulance Station", -1, 1);
                    add(
                            RegionOrganisations.AMBULANCE,
                            StationKind.AMBULANCE_STATION,
                            t,
                            "North Ambulance Station",
                            0.75,
                            0.75);
                    add(RegionOrganisations.FIRE, StationKind.FIRE_STATION, t, "Fire Station", 1, -1);
                    add(RegionOrganisations.FIRE, StationKind.FIRE_STATION, t, "South Fire Station", 0.25, 0.25);
                    add(RegionOrganisations.AMBULANCE, StationKind.HOSPITAL, t, "General Hospital", 0.75, 0.25);
                }
                case TOWN -> {
                    add(RegionOrganisations.AMBULANCE, StationKind.AMBULANCE_STATION, t, "Ambulance Station", -1, 1);
                    add(RegionOrganisations.FIRE, StationKind.FIRE_STATION, t, "Fire Station", 1, -1);
                    if (townRank++ % 3 == 0) {
                        add(RegionOrganisations.AMBULANCE, StationKind.HOSPITAL, t, "Community Hospital", 0.75, 0.25);
                    }
                }
                case VILLAGE -> {
                    if (villageRank++ < retainedFireStations) {
                        add(RegionOrganisations.FIRE, StationKind.FIRE_STATION, t, "Fire Station", 0, 0);
                    }
                }
            }
        }
        return stations;
    }

    /** Each city two stations and each town one, for the force whose side it is on; villages if a force has none. */
    private void police(List<Town> bySize) {
        for (Town t : bySize) {
            Organisation force = boundary.forceAt(t.centreX, t.centreY);
            if (t.kind == SettlementKind.CITY) {
                add(force, StationKind.POLICE_STATION, t, "Police Station", 1, 1);
                add(force, StationKind.POLICE_STATION, t, "West Police Station", 0.25, 0.75);
            } else if (t.kind == SettlementKind.TOWN) {
                add(force, StationKind.POLICE_STATION, t, "Police Station", 1, 1);
            }
        }
        for (Organisation force : List.of(
                RegionOrganisations.WEST_POLICE, RegionOrganisations.EAST_POLICE, RegionOrganisations.NORTH_POLICE)) {
            for (Town t : bySize) {
                long has = stations.stream()
                        .filter(s -> s.station().organisation().equals(force.id()))
                        .count();
                if (has >= 2) break;
                if (t.kind == SettlementKind.VILLAGE
                        && boundary.forceAt(t.centreX, t.centreY).equals(force)) {
                    add(force, StationKind.POLICE_STATION, t, "Police Station", 1, 0);
                }
            }
            // a force squeezed between the others may hold few settlements whole: use the edge of one it shares
            for (Town t : bySize) {
                if (countStations(force) >= 2) break;
                if (boundary.forceAt(t.centreX, t.centreY).equals(force) || !reaches(t, force)) continue;
                add(force, StationKind.POLICE_STATION, t, force.name().split(" ")[0] + " Police Station", 0.5, 0.5);
            }
        }
    }

    private long countStations(Organisation force) {
        return stations.stream()
                .filter(s -> s.station().organisation().equals(force.id()))
                .count();
    }

    /** Whether some junction of the settlement lies on the force's side of the boundaries. */
    private boolean reaches(Town t, Organisation force) {
        for (int i = 0; i < t.nx; i++)
            for (int j = 0; j < t.ny; j++)
                if (boundary.forceAt(t.x(i, j), t.y(i, j)).equals(force)) return true;
        return false;
    }

    /**
     * Adds a station at the junction nearest the wanted spot whose side of the police boundary is right.
     *
     * @param u a whole number is a step from the centre column; a fraction, a share of the grid's width
     */
    private void add(Organisation org, StationKind kind, Town t, String suffix, double u, double v) {
        int wantI = column(t.nx, u);
        int wantJ = column(t.ny, v);
        BiPredicate<Integer, Integer> fits = org.agency() == Agency.POLICE
                ? (i, j) -> boundary.forceAt(t.x(i, j), t.y(i, j)).equals(org)
                : (i, j) -> true;
        int[] at = nearestFitting(t, wantI, wantJ, fits);
        String code = switch (kind) {
            case POLICE_STATION -> "PS";
            case AMBULANCE_STATION -> "AS";
            case FIRE_STATION -> "FS";
            case HOSPITAL -> "H";
        };
        int n = counters.merge(org.id().value() + code, 1, Integer::sum);
        StationId id =
                StationId.of(String.format(Locale.ROOT, "%s-%s%03d", org.id().value(), code, n));
        Station station = new Station(
                id,
                org.id(),
                t.name + " " + suffix,
                kind,
                layout.projection().point(t.x(at[0], at[1]), t.y(at[0], at[1])));
        stations.add(new PlannedStation(station, t, at[0], at[1]));
    }

    private static int column(int n, double u) {
        boolean share = u > 0 && u < 1;
        int c = share ? (int) Math.round(u * (n - 1)) : n / 2 + (int) u;
        return Math.max(0, Math.min(n - 1, c));
    }

    /** Searches rings of junctions outward from the wanted one. */
    static int[] nearestFitting(Town t, int wantI, int wantJ, BiPredicate<Integer, Integer> fits) {
        int reach = Math.max(t.nx, t.ny);
        for (int r = 0; r <= reach; r++) {
            for (int di = -r; di <= r; di++) {
                for (int dj = -r; dj <= r; dj++) {
                    if (Math.max(Math.abs(di), Math.abs(dj)) != r) continue;
                    int i = wantI + di;
                    int j = wantJ + dj;
                    if (i >= 0 && i < t.nx && j >= 0 && j < t.ny && fits.test(i, j)) return new int[] {i, j};
                }
            }
        }
        return new int[] {wantI, wantJ};
    }
}
