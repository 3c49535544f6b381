package org.muster.geo.region;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;

/**
 * Units and the people who crew them. Each organisation gets the catalogue's types in the proportions a
 * service of its kind fields (mostly response cars and ambulances, a few armed, public order, dog, HART
 * and aerial units), based at its stations, and each unit a crew that meets the default crewing rules.
 * About one person in ten is a spare on no unit.
 */
final class UnitPlanner {
    record Planned(List<UnitRecord> units, List<PersonRecord> people, int spares) {}

    /** A person to be: role and skills. */
    private record Profile(PersonRole role, EnumSet<Skill> skills) {}

    private static final double POLICE_SHARE = 0.5;
    private static final double AMBULANCE_SHARE = 0.3;
    private static final double FIRE_SHARE = 0.2;
    private static final double SPARE_SHARE = 0.1;
    /** Response cars and rapid response cars start out on patrol this often, the rest at their station. */
    private static final double ON_PATROL_SHARE = 0.5;

    private static final Map<Agency, List<UnitType>> TYPES = Map.of(
            Agency.POLICE,
            List.of(
                    UnitType.POLICE_RESPONSE_CAR,
                    UnitType.ARMED_RESPONSE_VEHICLE,
                    UnitType.PUBLIC_ORDER_CARRIER,
                    UnitType.DOG_UNIT),
            Agency.AMBULANCE,
            List.of(
                    UnitType.DOUBLE_CREWED_AMBULANCE,
                    UnitType.RAPID_RESPONSE_CAR,
                    UnitType.HAZARDOUS_AREA_RESPONSE_TEAM),
            Agency.FIRE,
            List.of(UnitType.FIRE_APPLIANCE, UnitType.AERIAL_LADDER_PLATFORM));

    private static final Map<Agency, double[]> TYPE_WEIGHTS = Map.of(
            // enough armed response vehicles that each force has a few, so losing some to a walkout shows,
            // and public order carriers for at least one whole police support unit (three carriers) each
            Agency.POLICE, new double[] {0.68, 0.12, 0.12, 0.08},
            Agency.AMBULANCE, new double[] {0.72, 0.25, 0.03},
            Agency.FIRE, new double[] {0.88, 0.12});

    private final List<PlannedStation> stations;
    private final PoliceBoundary boundary;
    private final LocalProjection projection;
    private final RandomGenerator rng;
    private final List<UnitRecord> units = new ArrayList<>();
    private final List<PersonRecord> people = new ArrayList<>();
    private int spares;

    private UnitPlanner(
            RegionLayout layout, List<PlannedStation> stations, PoliceBoundary boundary, RandomGenerator rng) {
        this.stations = stations;
        this.boundary = boundary;
        this.projection = layout.projection();
        this.rng = rng;
    }

    static Planned plan(
            RegionLayout layout,
            List<PlannedStation> stations,
            PoliceBoundary boundary,
            int unitCount,
            RandomGenerator rng) {
        return new UnitPlanner(layout, stations, boundary, rng).plan(unitCount);
    }

    private Planned plan(int unitCount) {
        int[] byAgency = apportion(unitCount, new double[] {POLICE_SHARE, AMBULANCE_SHARE, FIRE_SHARE}, 0);
        List<Organisation> forces = List.of(
                RegionOrganisations.WEST_POLICE, RegionOrganisations.EAST_POLICE, RegionOrganisations.NORTH_POLICE);
        double[] forceWeights = forces.stream()
                .mapToDouble(f -> stationsOf(f, StationKind.POLICE_STATION).size())
                .toArray();
        int[] byForce = apportion(byAgency[0], forceWeights, 0);
        for (int f = 0; f < forces.size(); f++) organisation(forces.get(f), byForce[f], StationKind.POLICE_STATION);
        organisation(RegionOrganisations.AMBULANCE, byAgency[1], StationKind.AMBULANCE_STATION);
        organisation(RegionOrganisations.FIRE, byAgency[2], StationKind.FIRE_STATION);
        return new Planned(units, people, spares);
    }

    private void organisation(Organisation org, int count, StationKind kind) {
        List<PlannedStation> bases = stationsOf(org, kind);
        if (count == 0 || bases.isEmpty()) return;
        List<UnitType> types = TYPES.get(org.agency());
        int[] perType = apportion(count, TYPE_WEIGHTS.get(org.agency()), count >= types.size() ? 1 : 0);
        List<PlannedStation> major =
                bases.stream().filter(s -> s.town().kind == SettlementKind.CITY).toList();
        if (major.isEmpty()) major = bases.subList(0, 1);
        Counters counters = new Counters(org);
        List<Profile> crewed = new ArrayList<>();
        for (int t = 0; t < types.size(); t++) {
            UnitType type = types.get(t);
            for (int n = 0; n < perType[t]; n++) {
                PlannedStation home = isSpecialist(type) ? major.get(n % major.size()) : weightedPick(bases);
                UnitRecord unit = new UnitRecord(
                        counters.unitId(),
                        counters.callsign(type),
                        org.id(),
                        type,
                        home.station().id(),
                        seats(type),
                        position(org, type, home));
                units.add(unit);
                for (Profile p : crew(type)) {
                    crewed.add(p);
                    people.add(person(counters, org, p, Optional.of(unit.id())));
                }
            }
        }
        long spareCount = Math.round(crewed.size() * SPARE_SHARE);
        for (int s = 0; s < spareCount; s++) {
            people.add(person(counters, org, crewed.get(rng.nextInt(crewed.size())), Optional.empty()));
            spares++;
        }
    }

    private PersonRecord person(Counters counters, Organisation org, Profile p, Optional<UnitId> unit) {
        return new PersonRecord(
                counters.personId(), Names.person(rng), org.id(), p.role(), new TreeSet<>(p.skills()), unit);
    }

    /** A crew that meets the default crewing rules for the type, both to be on the road and for every capability. */
    private List<Profile> crew(UnitType type) {
        return switch (type) {
            case POLICE_RESPONSE_CAR -> {
                List<Profile> crew = new ArrayList<>();
                crew.add(officer(responseOfficerSkills(true)));
                if (rng.nextDouble() < 0.7) crew.add(officer(responseOfficerSkills(rng.nextDouble() < 0.6)));
                yield crew;
            }
            case ARMED_RESPONSE_VEHICLE ->
                repeat(
                        rng.nextDouble() < 0.6 ? 2 : 3,
                        () -> officer(EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER, Skill.RESPONSE_DRIVER)));
            case PUBLIC_ORDER_CARRIER -> {
                List<Profile> crew = new ArrayList<>();
                crew.add(officer(EnumSet.of(Skill.PUBLIC_ORDER, Skill.RESPONSE_DRIVER)));
                crew.addAll(repeat(6, () -> officer(EnumSet.of(Skill.PUBLIC_ORDER))));
                yield crew;
            }
            case DOG_UNIT -> List.of(officer(EnumSet.of(Skill.DOG_HANDLER, Skill.RESPONSE_DRIVER)));
            case DOUBLE_CREWED_AMBULANCE ->
                List.of(
                        new Profile(PersonRole.PARAMEDIC, EnumSet.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER)),
                        new Profile(
                                PersonRole.EMERGENCY_MEDICAL_TECHNICIAN,
                                EnumSet.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN, Skill.RESPONSE_DRIVER)));
            case RAPID_RESPONSE_CAR ->
                List.of(new Profile(PersonRole.PARAMEDIC, EnumSet.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER)));
            case HAZARDOUS_AREA_RESPONSE_TEAM ->
                repeat(6, () -> new Profile(PersonRole.PARAMEDIC, EnumSet.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER)));
            case FIRE_APPLIANCE -> {
                List<Profile> crew = new ArrayList<>();
                crew.add(firefighter(EnumSet.of(Skill.FIREFIGHTER, Skill.RESPONSE_DRIVER)));
                crew.addAll(repeat(
                        rng.nextDouble() < 0.4 ? 3 : 4,
                        () -> firefighter(EnumSet.of(Skill.FIREFIGHTER, Skill.BREATHING_APPARATUS))));
                yield crew;
            }
            case AERIAL_LADDER_PLATFORM ->
                List.of(
                        firefighter(EnumSet.of(Skill.FIREFIGHTER, Skill.RESPONSE_DRIVER)),
                        firefighter(EnumSet.of(Skill.FIREFIGHTER, Skill.BREATHING_APPARATUS)));
        };
    }

    /** Response officers: one in four also trained for public order, so carriers can be crewed from them. */
    private EnumSet<Skill> responseOfficerSkills(boolean driver) {
        EnumSet<Skill> skills = EnumSet.noneOf(Skill.class);
        if (driver) skills.add(Skill.RESPONSE_DRIVER);
        if (rng.nextDouble() < 0.25) skills.add(Skill.PUBLIC_ORDER);
        return skills;
    }

    private static Profile officer(EnumSet<Skill> skills) {
        return new Profile(PersonRole.POLICE_OFFICER, skills);
    }

    private static Profile firefighter(EnumSet<Skill> skills) {
        return new Profile(PersonRole.FIREFIGHTER, skills);
    }

    private static List<Profile> repeat(int n, Supplier<Profile> make) {
        List<Profile> crew = new ArrayList<>(n);
        for (int i = 0; i < n; i++) crew.add(make.get());
        return crew;
    }

    private static boolean isSpecialist(UnitType type) {
        return switch (type) {
            case ARMED_RESPONSE_VEHICLE,
                    PUBLIC_ORDER_CARRIER,
                    DOG_UNIT,
                    HAZARDOUS_AREA_RESPONSE_TEAM,
                    AERIAL_LADDER_PLATFORM -> true;
            default -> false;
        };
    }

    static int seats(UnitType type) {
        return switch (type) {
            case POLICE_RESPONSE_CAR, ARMED_RESPONSE_VEHICLE -> 4;
            case PUBLIC_ORDER_CARRIER -> 9;
            case DOG_UNIT, RAPID_RESPONSE_CAR -> 2;
            case DOUBLE_CREWED_AMBULANCE, AERIAL_LADDER_PLATFORM -> 3;
            case HAZARDOUS_AREA_RESPONSE_TEAM -> 8;
            case FIRE_APPLIANCE -> 6;
        };
    }

    private static String typeCode(UnitType type) {
        return switch (type) {
            case POLICE_RESPONSE_CAR -> "RC";
            case ARMED_RESPONSE_VEHICLE -> "ARV";
            case PUBLIC_ORDER_CARRIER -> "POC";
            case DOG_UNIT -> "DOG";
            case DOUBLE_CREWED_AMBULANCE -> "DCA";
            case RAPID_RESPONSE_CAR -> "RRC";
            case HAZARDOUS_AREA_RESPONSE_TEAM -> "HART";
            case FIRE_APPLIANCE -> "PA";
            case AERIAL_LADDER_PLATFORM -> "ALP";
        };
    }

    /** At the station, or for patrol cars sometimes at a junction of the station's town on the force's side. */
    private GeoPoint position(Organisation org, UnitType type, PlannedStation home) {
        boolean patrols = type == UnitType.POLICE_RESPONSE_CAR || type == UnitType.RAPID_RESPONSE_CAR;
        if (patrols && rng.nextDouble() < ON_PATROL_SHARE) {
            Town t = home.town();
            for (int attempt = 0; attempt < 10; attempt++) {
                int i = rng.nextInt(t.nx);
                int j = rng.nextInt(t.ny);
                if (org.agency() != Agency.POLICE
                        || boundary.forceAt(t.x(i, j), t.y(i, j)).equals(org)) {
                    return projection.point(t.x(i, j), t.y(i, j));
                }
            }
        }
        return home.station().location();
    }

    private PlannedStation weightedPick(List<PlannedStation> bases) {
        double total = bases.stream().mapToDouble(s -> weight(s.town())).sum();
        double r = rng.nextDouble(total);
        for (PlannedStation s : bases) {
            r -= weight(s.town());
            if (r < 0) return s;
        }
        return bases.getLast();
    }

    /** Busier places have more units: a city station three times a village's. */
    private static double weight(Town t) {
        return switch (t.kind) {
            case CITY -> 3;
            case TOWN -> 2;
            case VILLAGE -> 1;
        };
    }

    private List<PlannedStation> stationsOf(Organisation org, StationKind kind) {
        return stations.stream()
                .filter(s -> s.station().organisation().equals(org.id())
                        && s.station().kind() == kind)
                .toList();
    }

    /**
     * Splits {@code total} in proportion to the weights by largest remainder, then gives every share at
     * least {@code min} by taking from the largest.
     */
    static int[] apportion(int total, double[] weights, int min) {
        double sum = 0;
        for (double w : weights) sum += w;
        int[] shares = new int[weights.length];
        if (sum <= 0) return shares;
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            shares[i] = (int) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        for (; given < total; given++) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) if (remainders[i] > remainders[best]) best = i;
            shares[best]++;
            remainders[best] = -1;
        }
        for (int i = 0; i < shares.length; i++) {
            while (shares[i] < min && weights[i] > 0) {
                int largest = 0;
                for (int k = 1; k < shares.length; k++) if (shares[k] > shares[largest]) largest = k;
                if (shares[largest] <= min) break;
                shares[largest]--;
                shares[i]++;
            }
        }
        return shares;
    }

    /** Sequential ids and callsigns within one organisation. */
    private static final class Counters {
        private final Organisation org;
        private final Map<UnitType, Integer> callsigns = new HashMap<>();
        private int units;
        private int people;

        Counters(Organisation org) {
            this.org = org;
        }

        UnitId unitId() {
            return UnitId.of(String.format(Locale.ROOT, "%s-U%05d", org.id().value(), ++units));
        }

        PersonId personId() {
            return PersonId.of(String.format(Locale.ROOT, "%s-P%05d", org.id().value(), ++people));
        }

        Callsign callsign(UnitType type) {
            int n = callsigns.merge(type, 1, Integer::sum);
            return Callsign.of(String.format(
                    Locale.ROOT, "%s-%s%02d", RegionOrganisations.callsignPrefix(org), typeCode(type), n));
        }
    }
}
