package org.muster.domain.aid;

import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * A police support unit (PSU): the team forces trade in public order mutual aid, deployed whole. By national
 * convention an inspector, three sergeants and eighteen constables in three public order carriers, each
 * carrier a sergeant and six constables; a force may field another composition, so it is stated with the
 * need.
 *
 * <p>Muster counts a PSU by its carriers: a unit of {@code carriers} public order carriers, each carrying at
 * least its share of the sergeants and constables with a live public order skill. People carry no rank in
 * Muster, so the inspector and the split of sergeants and constables are the request's words, not checked.
 */
public record SupportUnit(int inspectors, int sergeants, int constables, int carriers) {
    /** One inspector, three sergeants, eighteen constables, three carriers. */
    public static final SupportUnit STANDARD = new SupportUnit(1, 3, 18, 3);

    public SupportUnit {
        Check.atLeast("inspectors", inspectors, 0);
        Check.atLeast("sergeants", sergeants, 0);
        Check.atLeast("constables", constables, 1);
        Check.atLeast("carriers", carriers, 1);
        if (sergeants + constables < carriers)
            throw InvalidInputException.of(
                    "carriers",
                    carriers,
                    "must be at most the " + (sergeants + constables) + " sergeants and constables who crew them");
    }

    /** Every officer of the unit, the inspector included. */
    public int officers() {
        return inspectors + sergeants + constables;
    }

    /** The public order officers each carrier must carry: its share of the sergeants and constables. */
    public int officersPerCarrier() {
        return (sergeants + constables) / carriers;
    }

    @Override
    public String toString() {
        return "PSU (" + inspectors + " inspector" + (inspectors == 1 ? "" : "s") + ", " + sergeants + " sergeant"
                + (sergeants == 1 ? "" : "s") + ", " + constables + " constables in " + carriers + " carriers)";
    }
}
