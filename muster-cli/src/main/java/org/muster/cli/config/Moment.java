package org.muster.cli.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.muster.domain.InvalidInputException;

/**
 * A moment of the log as a command's {@code --at} names it, read one way by every command that looks back
 * ({@code board}, {@code state}): an event's sequence number ({@code 1200}), an ISO-8601 instant
 * ({@code 2026-11-22T16:52:00Z}), or a time of day ({@code 16:52}) on the day of the log's last event, in the
 * local time zone.
 */
public sealed interface Moment {
    /** Just after the event with this sequence number. */
    record AfterEvent(long sequence) implements Moment {}

    /** At this instant. */
    record At(Instant instant) implements Moment {}

    /** At this time of day, on the day of the log's last event. */
    record TimeOfDay(LocalTime time) implements Moment {}

    /** What the option allows, for its help and its refusals. */
    String FORMS = "an event's sequence number such as 1200, an ISO-8601 instant such as 2026-11-22T16:52:00Z,"
            + " or HH:MM on the day of the log's last event, in the local time zone";

    /**
     * @param option the option's name, for the refusal
     * @throws InvalidInputException naming the option, the text and the forms allowed
     */
    static Moment parse(String option, String text) {
        String t = text.strip();
        try {
            if (t.matches("[0-9]{1,18}")) return new AfterEvent(Long.parseLong(t));
            if (t.matches("[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?"))
                return new TimeOfDay(LocalTime.parse(t.indexOf(':') == 1 ? "0" + t : t));
            return new At(Instant.parse(t));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw InvalidInputException.of(option, text, "must be " + FORMS);
        }
    }

    /**
     * The instant of this moment in {@code log}: an event's own time for its sequence number, the others as
     * {@link #findInstant} reads them on the day of the log's last event ({@code lastEvent}).
     *
     * @param option the option's name, for the refusal of a sequence number the log does not hold
     */
    default Instant instantIn(org.muster.store.EventStore log, String option, ZoneId zone, Instant lastEvent) {
        if (this instanceof AfterEvent e) {
            if (e.sequence() < 1 || e.sequence() > log.lastSequence())
                throw InvalidInputException.of(
                        option, e.sequence(), "must be an event of the log, 1 to " + log.lastSequence());
            return log.listRange(e.sequence() - 1, e.sequence()).getFirst().at();
        }
        return findInstant(zone, lastEvent).orElseThrow();
    }

    /**
     * The instant of a moment given as a time: an instant itself, a time of day on the day of {@code lastEvent}
     * in {@code zone}; empty for an event's sequence number.
     */
    default java.util.Optional<Instant> findInstant(ZoneId zone, Instant lastEvent) {
        return switch (this) {
            case AfterEvent e -> java.util.Optional.empty();
            case At a -> java.util.Optional.of(a.instant());
            case TimeOfDay d ->
                java.util.Optional.of(d.time()
                        .atDate(LocalDate.ofInstant(lastEvent, zone))
                        .atZone(zone)
                        .toInstant());
        };
    }
}
