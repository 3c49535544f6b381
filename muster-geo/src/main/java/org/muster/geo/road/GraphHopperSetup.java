package org.muster.geo.road;

import static com.graphhopper.json.Statement.Else;
import static com.graphhopper.json.Statement.ElseIf;
import static com.graphhopper.json.Statement.If;

import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.json.Statement.Op;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.TurnCostsConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.muster.geo.road.internal.EmergencyAccess;
import org.muster.geo.road.internal.ProgressGraphHopper;

/** Configures GraphHopper the same way for an import and for loading its result. */
final class GraphHopperSetup {
    /** Encoded values the custom models read; GraphHopper refuses models that use values not listed. */
    static final String ENCODED_VALUES = "car_access, car_average_speed, road_class, " + EmergencyAccess.KEY;

    /**
     * An emergency vehicle's speed, in km/h, on a pedestrian street or busway signed for it, which has no car
     * speed: walking pace among people is too slow to be worth it, more is unsafe.
     */
    static final int SIGNED_ONLY_SPEED_KMH = 15;

    /** Highways no car may use: leaving them out of the graph keeps it small (GraphHopper's own advice). */
    private static final List<String> IGNORED_HIGHWAYS = List.of(
            "footway",
            "construction",
            "cycleway",
            "path",
            "steps",
            "bridleway",
            "corridor",
            "platform",
            "proposed",
            "abandoned",
            "elevator",
            "escalator",
            "raceway",
            "bus_guideway");

    /**
     * Whose turn restrictions each profile obeys, in OpenStreetMap's transport modes: a restriction tagged
     * {@code restriction=*} binds them all unless its {@code except} names one of them; one tagged {@code
     * restriction:<mode>=*} binds only that mode. Emergency vehicles are motor cars, and may be excepted
     * ({@code except=emergency}) or restricted on their own.
     */
    static final List<String> CAR_TURN_MODES = List.of("motorcar", "motor_vehicle");

    static final List<String> EMERGENCY_TURN_MODES = List.of("motorcar", "motor_vehicle", "emergency");

    /**
     * A U-turn costs nothing, as any other allowed turn: the one-to-many search is edge-based only at
     * junctions with a restriction ({@code TurnLabels}), so elsewhere it cannot tell a U-turn from another
     * turn; GraphHopper's routing is told the same, so the two agree. (GraphHopper's default forbids
     * U-turns, which no emergency driver would accept where the road is wide enough.)
     */
    static final int U_TURN_SECONDS = 0;

    private GraphHopperSetup() {}

    static ProgressGraphHopper create(Path graphDir, RoadNetworkConfig config) {
        ProgressGraphHopper hopper = new ProgressGraphHopper();
        hopper.setGraphHopperLocation(graphDir.toString());
        hopper.setImportRegistry(EmergencyAccess.registry());
        hopper.setEncodedValuesString(ENCODED_VALUES);
        hopper.setProfiles(profiles(config.emergencySpeeds(), config.turnRestrictions()));
        if (config.contractionHierarchies()) {
            hopper.getCHPreparationHandler()
                    .setCHProfiles(Arrays.stream(RoadProfile.values())
                            .map(p -> new CHProfile(p.profileName()))
                            .toList());
        }
        hopper.setMinNetworkSize(config.minNetworkSize());
        hopper.getReaderConfig().setIgnoredHighways(IGNORED_HIGHWAYS);
        hopper.getReaderConfig().setParseWayNames(false);
        return hopper;
    }

    static List<Profile> profiles(EmergencySpeeds speeds, boolean turnRestrictions) {
        Profile car = new Profile(RoadProfile.CAR.profileName()).setCustomModel(carModel());
        Profile emergency = new Profile(RoadProfile.EMERGENCY.profileName()).setCustomModel(emergencyModel(speeds));
        if (turnRestrictions) {
            car.setTurnCostsConfig(new TurnCostsConfig(CAR_TURN_MODES, U_TURN_SECONDS));
            emergency.setTurnCostsConfig(new TurnCostsConfig(EMERGENCY_TURN_MODES, U_TURN_SECONDS));
        }
        return List.of(car, emergency);
    }

    /**
     * Car speeds as GraphHopper estimates them, no distance influence and no priority other than access:
     * the fastest route is then the one GraphHopper picks, so its travel times are comparable with the
     * one-to-many search's.
     */
    static CustomModel carModel() {
        return new CustomModel()
                .addToPriority(If("!car_access", Op.MULTIPLY, "0"))
                .addToSpeed(If("true", Op.LIMIT, "car_average_speed"));
    }

    /**
     * Where {@link EmergencyAccess} lets an emergency vehicle go, at the car's speed scaled per road class;
     * pedestrian streets and busways signed for it, which have no car speed, at {@link
     * #SIGNED_ONLY_SPEED_KMH}.
     */
    static CustomModel emergencyModel(EmergencySpeeds speeds) {
        CustomModel model = new CustomModel()
                .addToPriority(If("!" + EmergencyAccess.KEY, Op.MULTIPLY, "0"))
                .addToSpeed(
                        If("road_class == PEDESTRIAN || road_class == BUSWAY", Op.LIMIT, "" + SIGNED_ONLY_SPEED_KMH))
                .addToSpeed(Else(Op.LIMIT, "car_average_speed"));
        RoadClass[] classes = RoadClass.values();
        for (int i = 0; i < classes.length; i++) {
            String condition = "road_class == " + classes[i].name();
            String factor = number(speeds.factor(classes[i]));
            model.addToSpeed(i == 0 ? If(condition, Op.MULTIPLY, factor) : ElseIf(condition, Op.MULTIPLY, factor));
        }
        model.addToSpeed(Else(Op.MULTIPLY, number(speeds.otherFactor())));
        model.addToSpeed(If("true", Op.LIMIT, number(speeds.maxSpeedKmh())));
        return model;
    }

    /**
     * Everything here that shapes a prepared graph, as text for the graph cache's key: a change to the
     * profiles, the encoded values, the ignored highways, the access rules or the turn restrictions
     * imported makes a new graph (a graph imported before turn restrictions has none to load).
     */
    static String describe(EmergencySpeeds speeds, boolean turnRestrictions) {
        String turns = turnRestrictions
                ? "turns{car=" + CAR_TURN_MODES + ",emergency=" + EMERGENCY_TURN_MODES + ",uTurnSeconds="
                        + U_TURN_SECONDS + "}"
                : "turns{none}";
        return "ev=" + ENCODED_VALUES + ";ignored=" + IGNORED_HIGHWAYS + ";access=" + EmergencyAccess.RULES_VERSION
                + ";car=" + carModel() + ";emergency=" + emergencyModel(speeds) + ";" + turns;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
