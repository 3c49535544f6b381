package org.muster.engine.warning;

import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/** Where incidents are counted for surge detection: one zone, or a whole organisation. */
public sealed interface Scope extends Comparable<Scope> {

    /** Words for an alert, such as {@code zone BHAM-N} or {@code organisation WMP}. */
    String describe();

    static Scope zone(ZoneId zone) {
        return new InZone(zone);
    }

    static Scope organisation(OrganisationId organisation) {
        return new InOrganisation(organisation);
    }

    @Override
    default int compareTo(Scope other) {
        // Zones before organisations, then by code: a stable order keeps alert lists reproducible.
        int byKind = Boolean.compare(this instanceof InOrganisation, other instanceof InOrganisation);
        return byKind != 0 ? byKind : code().compareTo(other.code());
    }

    /** The zone's or organisation's code. */
    String code();

    record InZone(ZoneId zone) implements Scope {
        public InZone {
            Check.present("zone", zone);
        }

        @Override
        public String describe() {
            return "zone " + zone.value();
        }

        @Override
        public String code() {
            return zone.value();
        }
    }

    record InOrganisation(OrganisationId organisation) implements Scope {
        public InOrganisation {
            Check.present("organisation", organisation);
        }

        @Override
        public String describe() {
            return "organisation " + organisation.value();
        }

        @Override
        public String code() {
            return organisation.value();
        }
    }
}
