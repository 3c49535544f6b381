package org.muster.geo.zone;

import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;

/**
 * Which GeoJSON feature properties hold a zone's name, id, organisation and parent.
 *
 * <p>Start from {@link #of(String, OrganisationId)} for a file whose zones all belong to one
 * organisation (a file of police force areas imported for one coordinating body), or from {@link
 * #perFeatureOrganisation(String, String)} for a file that names each zone's organisation (the
 * synthetic region's zones).
 *
 * @param nameProperty the property holding the zone's name, such as {@code PFA20NM}
 * @param idProperty the property holding the zone's id; when absent the id is derived from the name
 * @param organisation the organisation every zone belongs to, unless {@code organisationProperty} is set
 * @param organisationProperty the property naming each zone's organisation
 * @param parentProperty the property naming the zone's parent zone, when the file has sub-zones
 */
public record ZoneFileFormat(
        String nameProperty,
        Optional<String> idProperty,
        Optional<OrganisationId> organisation,
        Optional<String> organisationProperty,
        Optional<String> parentProperty) {
    public ZoneFileFormat {
        nameProperty = Check.text("nameProperty", nameProperty);
        Check.present("idProperty", idProperty);
        Check.present("organisation", organisation);
        Check.present("organisationProperty", organisationProperty);
        Check.present("parentProperty", parentProperty);
        if (organisation.isPresent() == organisationProperty.isPresent()) {
            throw InvalidInputException.of(
                    "organisation",
                    organisation.map(OrganisationId::value).orElse("") + organisationProperty.orElse(""),
                    "give either one organisation for every zone or the property that names it, not both or neither");
        }
    }

    /** Every zone belongs to {@code organisation}; the id is derived from the name. */
    public static ZoneFileFormat of(String nameProperty, OrganisationId organisation) {
        return new ZoneFileFormat(
                nameProperty, Optional.empty(), Optional.of(organisation), Optional.empty(), Optional.empty());
    }

    /** Each feature names its organisation in {@code organisationProperty}. */
    public static ZoneFileFormat perFeatureOrganisation(String nameProperty, String organisationProperty) {
        return new ZoneFileFormat(
                nameProperty, Optional.empty(), Optional.empty(), Optional.of(organisationProperty), Optional.empty());
    }

    public ZoneFileFormat withIdProperty(String property) {
        return new ZoneFileFormat(
                nameProperty, Optional.of(property), organisation, organisationProperty, parentProperty);
    }

    public ZoneFileFormat withParentProperty(String property) {
        return new ZoneFileFormat(nameProperty, idProperty, organisation, organisationProperty, Optional.of(property));
    }
}
