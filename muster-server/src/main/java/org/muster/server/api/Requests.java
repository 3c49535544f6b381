package org.muster.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;

/** The bodies the API's typed endpoints take. Unknown fields are refused; {@code reason} goes in the log. */
public final class Requests {
    private Requests() {}

    /** A new call; the id is made up when not given, the priority comes from the type when not given. */
    public record NewIncident(
            Optional<IncidentId> id,
            OrganisationId organisation,
            IncidentTypeCode type,
            Optional<Priority> priority,
            GeoPoint location,
            Optional<String> description,
            Optional<SortedSet<Hazard>> hazards,
            Optional<String> reason) {}

    public record Assign(UnitId unit, Optional<AssignmentRole> role, Optional<String> reason) {}

    /** @param hospital where a unit TRANSPORTING or AT_HOSPITAL takes its patient (a station of kind HOSPITAL) */
    public record StatusChange(
            UnitStatus status,
            Optional<UnavailableReason> unavailableReason,
            Optional<org.muster.domain.organisation.StationId> hospital,
            Optional<String> reason) {
        /**
         * The command for the unit. Its refusals name this body's fields: the command's {@code reason} (why a
         * unit is unavailable) is {@code unavailableReason} here, where {@code reason} is the log's.
         */
        public Command.ChangeUnitStatus command(UnitId unit) {
            try {
                return new Command.ChangeUnitStatus(
                        unit, status, unavailableReason == null ? Optional.empty() : unavailableReason, hospital);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.violations().stream()
                        .map(v -> v.field().equals("reason")
                                ? new Violation(
                                        "unavailableReason",
                                        v.value().isEmpty() ? null : v.value(),
                                        v.rule() + unavailableReasons(v))
                                : v)
                        .toList());
            }
        }

        private static String unavailableReasons(Violation v) {
            return v.rule().startsWith("is required") ? ": one of " + List.of(UnavailableReason.values()) : "";
        }
    }

    public record PositionReport(GeoPoint point) {}

    public record LevelChange(
            OperatingLevel level, String reason, Optional<Instant> reviewAt, Optional<GeoPoint> rendezvous) {}

    public record SafeMinimumChange(int minimum, String reason) {}

    /** A supervisor's or dispatcher's reason, for actions that take nothing else. */
    public record Reason(Optional<String> reason) {
        public String text() {
            return reason.orElse("");
        }
    }
}
