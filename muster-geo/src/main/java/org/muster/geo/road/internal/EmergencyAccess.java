package org.muster.geo.road.internal;

import com.graphhopper.reader.ReaderWay;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.DefaultImportRegistry;
import com.graphhopper.routing.ev.EdgeIntAccess;
import com.graphhopper.routing.ev.ImportRegistry;
import com.graphhopper.routing.ev.ImportUnit;
import com.graphhopper.routing.ev.Roundabout;
import com.graphhopper.routing.ev.VehicleAccess;
import com.graphhopper.routing.util.parsers.ModeAccessParser;
import com.graphhopper.routing.util.parsers.TagParser;
import com.graphhopper.storage.IntsRef;
import java.util.List;
import java.util.Set;

/**
 * Where an emergency vehicle may drive: the {@code emergency_access} encoded value, read by GraphHopper's
 * own {@link ModeAccessParser} with the OpenStreetMap keys in the order that lets {@code emergency=*}
 * override the general ones ({@code emergency}, then {@code motorcar}, {@code motor_vehicle}, {@code
 * vehicle}, {@code access}), on ways and on barrier nodes alike. So {@code access=no} or {@code
 * motor_vehicle=no} with {@code emergency=yes} is open, {@code emergency=no} is closed whatever else is
 * said, and a bus trap or sump buster (built to let wide wheelbases over) is open unless its node says
 * {@code emergency=no}. Barriers no vehicle passes (bollards, blocks, gates for people) stay closed.
 *
 * <p>One rule is Muster's own, because GraphHopper 11's parser has no per-highway defaults: a pedestrian
 * street or a busway is open only when signed for emergency access ({@code emergency=yes}, {@code
 * designated}, {@code official} or {@code permissive}), never merely because nothing forbids it.
 */
public final class EmergencyAccess {
    /** The encoded value's name, for custom models. */
    public static final String KEY = VehicleAccess.key("emergency");

    /** Bump when the rules below change: the graph cache is keyed by it. */
    public static final String RULES_VERSION = "emergency-access-1";

    private static final List<String> RESTRICTION_KEYS =
            List.of("emergency", "motorcar", "motor_vehicle", "vehicle", "access");
    /** Values that close a way or barrier to emergency vehicles; {@code access=emergency} opens it. */
    private static final Set<String> RESTRICTED = Set.of("no", "restricted", "military", "private");
    /** GraphHopper's car barriers less those meant to let large vehicles through (bus traps, sump busters). */
    private static final Set<String> BARRIERS = Set.of(
            "kissing_gate",
            "fence",
            "bollard",
            "stile",
            "turnstile",
            "cycle_barrier",
            "motorcycle_barrier",
            "block",
            "jersey_barrier");

    private static final Set<String> SIGNED_ONLY = Set.of("pedestrian", "busway");
    private static final Set<String> SIGNED_FOR_EMERGENCY = Set.of("yes", "designated", "official", "permissive");

    private EmergencyAccess() {}

    /** GraphHopper's registry with {@code emergency_access} added. */
    public static ImportRegistry registry() {
        ImportRegistry defaults = new DefaultImportRegistry();
        return name -> KEY.equals(name)
                ? ImportUnit.create(
                        KEY,
                        props -> VehicleAccess.create("emergency"),
                        (lookup, props) -> parser(
                                lookup.getBooleanEncodedValue(KEY), lookup.getBooleanEncodedValue(Roundabout.KEY)),
                        Roundabout.KEY)
                : defaults.createImportUnit(name);
    }

    static TagParser parser(BooleanEncodedValue access, BooleanEncodedValue roundabout) {
        // skipEmergency=false: highway=service + service=emergency_access is the point of the profile.
        ModeAccessParser tags = new ModeAccessParser(RESTRICTION_KEYS, access, false, roundabout, RESTRICTED, BARRIERS);
        return new TagParser() {
            @Override
            public void handleWayTags(int edgeId, EdgeIntAccess edges, ReaderWay way, IntsRef relationFlags) {
                if (SIGNED_ONLY.contains(way.getTag("highway", ""))
                        && !SIGNED_FOR_EMERGENCY.contains(way.getTag("emergency", ""))) {
                    return;
                }
                tags.handleWayTags(edgeId, edges, way, relationFlags);
            }
        };
    }
}
