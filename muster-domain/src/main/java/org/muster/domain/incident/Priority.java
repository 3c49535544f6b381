package org.muster.domain.incident;

import java.util.Set;
import org.muster.domain.organisation.Agency;

/**
 * How urgent an incident is: ambulance categories C1-C4, and police (and fire) grades Emergency,
 * Priority, Scheduled, Resolution. {@link #urgency()} puts both scales on one line, 1 most urgent.
 */
public enum Priority {
    C1(1, Set.of(Agency.AMBULANCE)),
    C2(2, Set.of(Agency.AMBULANCE)),
    C3(3, Set.of(Agency.AMBULANCE)),
    C4(4, Set.of(Agency.AMBULANCE)),
    EMERGENCY(1, Set.of(Agency.POLICE, Agency.FIRE)),
    PRIORITY(2, Set.of(Agency.POLICE, Agency.FIRE)),
    SCHEDULED(3, Set.of(Agency.POLICE, Agency.FIRE)),
    RESOLUTION(4, Set.of(Agency.POLICE, Agency.FIRE));

    private final int urgency;
    private final Set<Agency> agencies;

    Priority(int urgency, Set<Agency> agencies) {
        this.urgency = urgency;
        this.agencies = agencies;
    }

    /** 1 (life-threatening, emergency) to 4; smaller is more urgent. */
    public int urgency() {
        return urgency;
    }

    public boolean appliesTo(Agency agency) {
        return agencies.contains(agency);
    }

    /** Whether a unit may be diverted from a less urgent incident to serve this one. */
    public boolean allowsDiversion() {
        return urgency == 1;
    }

    public boolean isMoreUrgentThan(Priority other) {
        return urgency < other.urgency;
    }
}
