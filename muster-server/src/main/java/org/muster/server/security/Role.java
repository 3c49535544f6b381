package org.muster.server.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.muster.domain.InvalidInputException;

/**
 * What a user may do, always within the organisations the user is scoped to. A role grants a fixed set
 * of {@link Action}s; anything a role does not grant is refused.
 */
public enum Role {
    VIEWER(EnumSet.of(Action.READ)),
    CALL_HANDLER(EnumSet.of(Action.READ, Action.TAKE_CALLS)),
    DISPATCHER(EnumSet.of(Action.READ, Action.TAKE_CALLS, Action.DISPATCH)),
    SUPERVISOR(EnumSet.of(
            Action.READ, Action.TAKE_CALLS, Action.DISPATCH, Action.SUPERVISE, Action.MUTUAL_AID, Action.CLOSE_ROADS)),
    COORDINATOR(EnumSet.of(Action.READ, Action.MUTUAL_AID, Action.CLOSE_ROADS)),
    AUDITOR(EnumSet.of(Action.READ, Action.AUDIT)),
    ADMIN(EnumSet.allOf(Action.class));

    private final Set<Action> actions;

    Role(Set<Action> actions) {
        this.actions = actions;
    }

    public boolean grants(Action action) {
        return actions.contains(action);
    }

    /** A role from configuration, such as {@code dispatcher} or {@code call-handler}. */
    public static Role parse(String field, String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role r : values()) if (r.name().equals(name)) return r;
        throw InvalidInputException.of(
                field,
                text,
                "must be one of call-handler, dispatcher, supervisor, coordinator, auditor, viewer, admin");
    }

    /** The kinds of thing a request does, each granted by some roles. */
    public enum Action {
        /** See incidents, units, zones, boards and alerts. */
        READ,
        /** Create incidents, link duplicates, cancel calls. */
        TAKE_CALLS,
        /** Assign and release units, change a unit's status, close incidents. */
        DISPATCH,
        /** Operating levels, tactical clearance, safe minimums, alerts, withdrawals. */
        SUPERVISE,
        /** Ask for, offer and accept mutual aid. */
        MUTUAL_AID,
        /**
         * Close and reopen roads and areas to avoid: a supervisor in their organisation's area, the national
         * coordinator anywhere (a closure crosses force boundaries as roads do).
         */
        CLOSE_ROADS,
        /** Verify the audit log, read raw events, rebuild past states. */
        AUDIT,
        /** Register organisations, zones, stations, units and people. */
        ADMINISTER
    }
}
