package org.muster.engine.testing;

import java.time.Instant;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertStatus;
import org.muster.engine.warning.AlertSource;

/** Alerts as the raiser records them, for tests of a source's own answers about an alert it raised. */
public final class TestAlerts {
    private TestAlerts() {}

    /** The open alert raising {@code condition} at {@code at} records. */
    public static Alert raised(AlertSource.Condition condition, Instant at) {
        return new Alert(
                condition.id(),
                condition.kind(),
                condition.key(),
                condition.organisations(),
                at,
                condition.summary(),
                condition.evidence(),
                condition.proposedAction().map(org.muster.engine.warning.ProposedAction::zone),
                condition.proposedAction().map(org.muster.engine.warning.ProposedAction::level),
                AlertStatus.OPEN,
                "",
                "",
                java.util.Optional.empty(),
                "");
    }
}
