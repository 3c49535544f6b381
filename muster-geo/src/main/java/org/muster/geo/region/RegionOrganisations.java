package org.muster.geo.region;

import java.util.List;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;

/**
 * The five organisations of every generated region: three police forces (Westshire and Eastshire side by
 * side, Northshire above both), an ambulance and a fire service covering all of it.
 */
public final class RegionOrganisations {
    public static final Organisation WEST_POLICE =
            new Organisation(OrganisationId.of("WSP"), "Westshire Police", Agency.POLICE);
    public static final Organisation EAST_POLICE =
            new Organisation(OrganisationId.of("ESP"), "Eastshire Police", Agency.POLICE);
    public static final Organisation NORTH_POLICE =
            new Organisation(OrganisationId.of("NSP"), "Northshire Police", Agency.POLICE);
    public static final Organisation AMBULANCE =
            new Organisation(OrganisationId.of("MAS"), "Midshire Ambulance Service", Agency.AMBULANCE);
    public static final Organisation FIRE =
            new Organisation(OrganisationId.of("MFRS"), "Midshire Fire and Rescue Service", Agency.FIRE);

    public static final List<Organisation> ALL = List.of(WEST_POLICE, EAST_POLICE, NORTH_POLICE, AMBULANCE, FIRE);

    private RegionOrganisations() {}

    /** The short prefix of the organisation's callsigns, as a control room would read them out. */
    static String callsignPrefix(Organisation o) {
        return switch (o.id().value()) {
            case "WSP" -> "WS";
            case "ESP" -> "ES";
            case "NSP" -> "NS";
            case "MAS" -> "MA";
            default -> "MF";
        };
    }
}
