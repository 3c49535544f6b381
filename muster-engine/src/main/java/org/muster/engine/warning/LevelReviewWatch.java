package org.muster.engine.warning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Sorted;
import org.muster.domain.Words;
import org.muster.domain.alert.Alert;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneLevel;
import org.muster.engine.state.MusterState;

/**
 * A zone's level past the time it was to be reviewed. A supervisor who raises a zone (escort required,
 * downgraded, closed) names when the decision is to be looked at again; nothing else holds them to it, and a
 * zone raised for the evening stayed escort required through the night. Each zone above normal whose review
 * time has passed has an alert to its organisation: keep the level with a new review time (setting it again),
 * or lower it. A new review time replaces or resolves it; so does any change of level.
 */
public final class LevelReviewWatch implements AlertSource {
    static final String KIND = "level-review";
    static final String KEY = KIND + ":";

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        List<Condition> out = new ArrayList<>();
        List<Zone> zones = state.zones().values().stream()
                .sorted(Comparator.comparing(Zone::id))
                .toList();
        for (Zone z : zones) {
            ZoneLevel l = z.level();
            if (l.level() == OperatingLevel.NORMAL || l.reviewAt().isEmpty()) continue;
            Instant due = l.reviewAt().get();
            if (due.isAfter(now)) continue;
            out.add(condition(z, l, due));
        }
        return out;
    }

    private static Condition condition(Zone z, ZoneLevel l, Instant due) {
        String key = KEY + z.id().value();
        // one occurrence per decision: the level, and when it was set and to be reviewed
        String occurrence = l.level() + "@" + l.since().map(Instant::toString).orElse("") + "@" + due;
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("zone", z.id().value());
        evidence.put("level", l.level().name());
        evidence.put("review_at", due.toString());
        l.since().ifPresent(s -> evidence.put("since", s.toString()));
        if (!l.setBy().isEmpty()) evidence.put("set_by", l.setBy());
        if (!l.reason().isBlank()) evidence.put("reason", l.reason());
        String summary = "Zone " + z.name() + " (" + z.id().value() + ") has been " + Words.of(l.level())
                + l.since()
                        .map(s -> " since " + s.truncatedTo(ChronoUnit.SECONDS))
                        .orElse("")
                + (l.setBy().isEmpty()
                        ? ""
                        : " (set by " + l.setBy() + (l.reason().isBlank() ? "" : ": " + l.reason()) + ")")
                + "; its review was due at " + due.truncatedTo(ChronoUnit.SECONDS)
                + ": keep it with a new review time, or lower it";
        return new Condition(
                AlertSource.idOf(key, Integer.toHexString(occurrence.hashCode())),
                KIND,
                key,
                occurrence,
                Sorted.setOf(java.util.Set.of(z.organisation())),
                summary,
                evidence,
                Optional.empty());
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        String zone = alert.key().substring(KEY.length());
        return state.findZone(org.muster.domain.organisation.ZoneId.of(zone))
                .map(z -> z.level().level() == OperatingLevel.NORMAL
                        ? "zone " + zone + " is back to normal"
                        : "zone " + zone + "'s level was set again, to be reviewed "
                                + z.level().reviewAt().map(Instant::toString).orElse("when its supervisor says"))
                .orElse("zone " + zone + " is gone");
    }
}
