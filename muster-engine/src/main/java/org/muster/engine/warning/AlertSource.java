package org.muster.engine.warning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.state.MusterState;

/**
 * Something Muster watches that should have an alert while it lasts: capacity below the safe minimums, a
 * unit past its status's time limit, a surge, a hotspot. The {@link AlertRaiser} feeds every source the
 * engine's events on its own thread, asks each which alerts should be active, and raises or resolves
 * alerts in the log to match.
 */
public interface AlertSource {

    /** Takes in a batch of events, in order, on the raiser's thread. */
    default void onEvents(List<RecordedEvent> events, MusterState after) {}

    /** The alerts that should be active now, at most one per key. */
    List<Condition> listConditions(MusterState state, Instant now);

    /** How the keys of this source's alerts begin ({@code "escort-wait:"}): no two sources share one. */
    List<String> keyPrefixes();

    /** Whether an alert with this key is this source's to raise and resolve: its key begins as this source's do. */
    default boolean owns(String key) {
        for (String prefix : keyPrefixes()) if (key.startsWith(prefix)) return true;
        return false;
    }

    /** Why the active alert {@code alert}, no longer among the conditions, is resolved, in words. */
    String resolution(Alert alert, MusterState state);

    /**
     * Where what raised the active alert {@code alert} stands now, in words ("Now 19 calls wait, the longest 1 h
     * 57 min"), for a source whose alert keeps the figures of when it was raised while the thing goes on (one alert
     * an episode); empty for one whose alert is raised again as it changes, or that has nothing to add.
     */
    default Optional<String> standingNow(Alert alert, MusterState state, Instant now) {
        return Optional.empty();
    }

    /**
     * An alert that should be active.
     *
     * @param id the alert's id: the same condition seen again after a restart or a replay has the same id,
     *     so it is raised once
     * @param state what distinguishes one occurrence of the condition from the next under the same key
     *     (the colour, the status and since when, the time bin); a new state replaces the active alert.
     *     Recorded in the evidence as {@code state}
     * @param organisations whom it is addressed to, at least one
     */
    record Condition(
            AlertId id,
            String kind,
            String key,
            String state,
            SortedSet<OrganisationId> organisations,
            String summary,
            SortedMap<String, String> evidence,
            Optional<ProposedAction> proposedAction) {
        public Condition {
            Check.present("id", id);
            kind = Check.text("kind", kind);
            key = Check.text("key", key);
            state = Check.text("state", state);
            organisations = Sorted.setOf(Check.present("organisations", organisations));
            if (organisations.isEmpty())
                throw InvalidInputException.of("organisations", organisations, "must name at least one organisation");
            summary = Check.text("summary", fitted(summary));
            TreeMap<String, String> withState = new TreeMap<>(Check.present("evidence", evidence));
            withState.put("state", state);
            evidence = java.util.Collections.unmodifiableSortedMap(withState);
            Check.present("proposedAction", proposedAction);
        }

        /**
         * A summary cut to the longest an alert's text may be ({@link Check#MAX_TEXT}), at a word, with an
         * ellipsis: a source's words running long (a wait in hours, a long zone name) must cost the end of a
         * sentence, never the alert (the evidence keeps every figure).
         */
        static String fitted(String summary) {
            if (summary == null || summary.length() <= Check.MAX_TEXT) return summary;
            int cut = summary.lastIndexOf(' ', Check.MAX_TEXT - 1);
            if (cut < Check.MAX_TEXT / 2) cut = Check.MAX_TEXT - 1;
            return summary.substring(0, cut).stripTrailing() + "\u2026";
        }

        /** The command that raises it into the log, as the {@link AlertRaiser} submits it. */
        public org.muster.domain.command.Command.RaiseAlert raiseCommand() {
            return new org.muster.domain.command.Command.RaiseAlert(
                    id,
                    kind,
                    key,
                    organisations,
                    summary,
                    evidence,
                    proposedAction.map(ProposedAction::zone),
                    proposedAction.map(ProposedAction::level));
        }

        /**
         * Whether {@code alert} already stands for this condition: active, or dismissed by a supervisor while what
         * raised it has gone on since (a dismissal does not silence the next time, once it was over).
         */
        boolean isStoodForBy(Alert alert) {
            return alert.id().equals(id)
                    || (alert.key().equals(key) && state.equals(alert.evidence().get("state")) && !alert.isOver());
        }
    }

    /** The longest alert id a source makes: the raiser's command ids ({@code resolve-} and the id) fit in 64. */
    int LONGEST_ID = 64 - "resolve-".length();

    /**
     * An alert id from a key and what tells this occurrence apart, within {@link #LONGEST_ID} characters (the
     * key's tail kept when it is long, since the tail names the zone, unit or cell).
     */
    static AlertId idOf(String key, String occurrence) {
        String id = (key + "." + occurrence).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.:-]", "-");
        return AlertId.of(
                id.length() <= LONGEST_ID
                        ? id
                        : id.substring(id.length() - LONGEST_ID).replaceFirst("^[^a-z0-9]+", ""));
    }
}
