package org.muster.engine.warning;

import java.util.Comparator;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentTypeCode;

/**
 * What a surge detector counts separately: one incident type in one scope (a zone or an organisation).
 * Each key is compared only with its own past.
 */
public record SurgeKey(Scope scope, IncidentTypeCode type) implements Comparable<SurgeKey> {
    private static final Comparator<SurgeKey> ORDER =
            Comparator.comparing(SurgeKey::scope).thenComparing(SurgeKey::type);

    public SurgeKey {
        Check.present("scope", scope);
        Check.present("type", type);
    }

    public static SurgeKey of(Scope scope, IncidentTypeCode type) {
        return new SurgeKey(scope, type);
    }

    @Override
    public int compareTo(SurgeKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return scope.code() + "/" + type.value();
    }
}
