package org.muster.sim.des;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseStats;

/**
 * A run's files: {@code summary.json} and {@code incidents.csv}. Written by hand, in a fixed order with
 * fixed number formats, so the same run gives the same bytes (no map order, locale or float printing in
 * the way).
 */
public final class RunFiles {
    public static final String SUMMARY = "summary.json";
    public static final String INCIDENTS = "incidents.csv";

    private RunFiles() {}

    /** Writes both files into {@code dir}, creating it; returns their paths. */
    public static List<Path> write(RunResult result, Path dir) {
        Check.present("result", result);
        Check.present("dir", dir);
        try {
            Files.createDirectories(dir);
            Path summary = dir.resolve(SUMMARY);
            Path incidents = dir.resolve(INCIDENTS);
            Files.writeString(summary, summaryJson(result.summary()), StandardCharsets.UTF_8);
            Files.writeString(incidents, incidentsCsv(result.incidents()), StandardCharsets.UTF_8);
            return List.of(summary, incidents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's files to " + dir, e);
        }
    }

    /** The CSV: a header and one row per incident, in order of id; times in UTC (ISO-8601), empty when none. */
    public static String incidentsCsv(List<IncidentRecord> incidents) {
        StringBuilder out = new StringBuilder(
                "id,organisation,priority,type,zone,received,first_dispatched,first_arrival,finished,status,units_sent,units,"
                        + "clock_stopped,targets_suspended\n");
        for (IncidentRecord i : incidents) {
            out.append(i.id().value())
                    .append(',')
                    .append(i.organisation().value())
                    .append(',')
                    .append(i.priority())
                    .append(',')
                    .append(i.type().value())
                    .append(',')
                    .append(i.zone().map(z -> z.value()).orElse(""))
                    .append(',')
                    .append(i.received())
                    .append(',')
                    .append(time(i.firstDispatched()))
                    .append(',')
                    .append(time(i.firstArrival()))
                    .append(',')
                    .append(time(i.finished()))
                    .append(',')
                    .append(i.status())
                    .append(',')
                    .append(i.unitsSent().size())
                    .append(',')
                    .append(i.unitsSent().stream().map(UnitId::value).collect(Collectors.joining(" ")))
                    .append(',')
                    .append(time(i.clockStopped()))
                    .append(',')
                    .append(i.targetsSuspended())
                    .append('\n');
        }
        return out.toString();
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse("");
    }

    /** The summary as JSON: durations in seconds (to the millisecond), shares to four places. */
    public static String summaryJson(Summary s) {
        Json j = new Json();
        j.open('{');
        j.field("scenario").string(s.scenario());
        j.field("seed").raw(Long.toString(s.seed()));
        j.field("start").string(s.start().toString());
        j.field("end").string(s.end().toString());
        j.field("incidents").raw(Integer.toString(s.incidents()));
        j.field("finished").raw(Integer.toString(s.finished()));
        j.field("open").raw(Integer.toString(s.open()));
        j.field("events").raw(Long.toString(s.events()));
        j.field("refused").raw(Long.toString(s.refused()));
        j.field("organisations").open('[');
        for (Summary.OrganisationFigures o : s.organisations()) {
            j.element().open('{');
            j.field("organisation").string(o.organisation().value());
            j.field("priorities");
            priorities(j, o.priorities());
            j.field("zones").open('[');
            for (Summary.ZoneFigures z : o.zones()) {
                j.element().open('{');
                j.field("zone").string(z.zone().value());
                j.field("priorities");
                priorities(j, z.priorities());
                j.close('}');
            }
            j.close(']');
            j.field("types").open('[');
            for (Summary.TypeFigures t : o.types()) {
                ResponseStats r = t.response();
                j.element().open('{');
                j.field("type").string(t.kind().type().value());
                j.field("priority").string(t.kind().priority().name());
                j.field("incidents").raw(Integer.toString(t.incidents()));
                responseFields(j, r);
                j.field("withinTarget").raw(r.compliance().map(RunFiles::share).orElse("null"));
                j.field("waitingAtEnd").raw(Integer.toString(r.waiting()));
                unjudged(j, t.unjudged());
                j.field("longestWaitingSeconds")
                        .raw(seconds(Optional.of(r.oldestWait().orElse(Duration.ZERO))));
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
        operations(j, s.operations());
        j.field("coverage").open('[');
        for (Summary.CoverageFigures c : s.coverage()) {
            j.element().open('{');
            j.field("organisation").string(c.organisation().value());
            j.field("category").string(c.category().name());
            j.field("samples").raw(Integer.toString(c.samples()));
            j.field("meanShare").raw(share(c.meanShare()));
            j.field("lowestShare").raw(share(c.lowestShare()));
            j.field("lowestAt").string(c.lowestAt().toString());
            j.close('}');
        }
        j.close(']');
        j.close('}');
        return j.toString() + "\n";
    }

    /** What the shocks and policies made the engine do, per organisation (docs/simulator.md). */
    private static void operations(Json j, List<OrganisationOperations> operations) {
        j.field("operations").open('[');
        for (OrganisationOperations o : operations) {
            j.element().open('{');
            j.field("organisation").string(o.organisation().value());
            j.field("reroutedCalls").raw(Integer.toString(o.reroutedCalls()));
            j.field("escortedDispatches").raw(Integer.toString(o.escortedDispatches()));
            j.field("aidAsked").raw(Integer.toString(o.aidAsked()));
            j.field("aidFilled").raw(Integer.toString(o.aidFilled()));
            j.field("aidPartlyFilled").raw(Integer.toString(o.aidPartlyFilled()));
            j.field("aidDeclined").raw(Integer.toString(o.aidDeclined()));
            j.field("aidDeclinesGiven").raw(Integer.toString(o.aidDeclinesGiven()));
            j.field("officerHoursLent").raw(hours(o.officerHoursLent()));
            j.field("officerHoursBorrowed").raw(hours(o.officerHoursBorrowed()));
            j.field("standingOffHours").raw(hours(o.standingOffHours()));
            j.field("unitSecondsByStatus");
            statusSeconds(j, o.unitTime());
            j.field("zones").open('[');
            for (OrganisationOperations.ZoneOperations z : o.zones()) {
                j.element().open('{');
                j.field("zone").string(z.zone().value());
                j.field("reroutedCalls").raw(Integer.toString(z.reroutedCalls()));
                j.field("escortedDispatches").raw(Integer.toString(z.escortedDispatches()));
                j.close('}');
            }
            j.close(']');
            j.field("units").open('[');
            for (OrganisationOperations.UnitTime u : o.units()) {
                j.element().open('{');
                j.field("unit").string(u.unit().value());
                j.field("secondsByStatus");
                statusSeconds(j, u.time());
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
    }

    /** Seconds in each status, in the statuses' order; a status never stood in is left out. */
    private static void statusSeconds(Json j, java.util.Map<UnitStatus, Duration> time) {
        j.open('{');
        for (UnitStatus status : UnitStatus.values()) {
            Duration d = time.get(status);
            if (d != null) j.field(status.name()).raw(seconds(Optional.of(d)));
        }
        j.close('}');
    }

    private static String hours(double h) {
        return BigDecimal.valueOf(h).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static void priorities(Json j, List<Summary.PriorityFigures> figures) {
        j.open('[');
        for (Summary.PriorityFigures f : figures) {
            ResponseStats r = f.response();
            j.element().open('{');
            j.field("priority").string(f.priority().name());
            j.field("incidents").raw(Integer.toString(f.incidents()));
            responseFields(j, r);
            j.field("targetMeanSeconds").raw(seconds(r.target().mean()));
            j.field("targetP90Seconds").raw(seconds(r.target().p90()));
            j.field("withinTarget").raw(r.compliance().map(RunFiles::share).orElse("null"));
            j.field("waitingAtEnd").raw(Integer.toString(r.waiting()));
            unjudged(j, f.unjudged());
            j.field("queued").raw(Integer.toString(f.queued()));
            j.field("longestQueue").raw(Integer.toString(f.longestQueue()));
            j.close('}');
        }
        j.close(']');
    }

    /**
     * The responses and their times: of the calls reached, then with the calls still waiting at their wait so
     * far, as the board judges a breach (a scenario that leaves calls waiting all day must not read quicker).
     */
    private static void responseFields(Json j, ResponseStats r) {
        j.field("responses").raw(Integer.toString(r.count()));
        j.field("meanSeconds").raw(seconds(r.mean()));
        j.field("p90Seconds").raw(seconds(r.p90()));
        j.field("meanWithWaitingSeconds").raw(seconds(r.meanWithWaiting()));
        j.field("p90WithWaitingSeconds").raw(seconds(r.p90WithWaiting()));
    }

    private static void unjudged(Json j, Summary.Unjudged u) {
        j.field("reachedInDowngradedZone").raw(Integer.toString(u.reachedInDowngradedZone()));
        j.field("waitingInDowngradedZone").raw(Integer.toString(u.waitingInDowngradedZone()));
        j.field("closedUnreached").raw(Integer.toString(u.closedUnreached()));
    }

    private static String seconds(Optional<Duration> d) {
        return d.map(x -> BigDecimal.valueOf(x.toMillis(), 3).toPlainString()).orElse("null");
    }

    private static String share(double d) {
        return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Just enough of a JSON writer for the summary: indented two spaces, commas where they belong. */
    static final class Json {
        private final StringBuilder out = new StringBuilder();
        private int depth;
        private boolean first = true;

        Json open(char bracket) {
            out.append(bracket);
            depth++;
            first = true;
            return this;
        }

        Json close(char bracket) {
            depth--;
            if (!first) newline();
            out.append(bracket);
            first = false;
            return this;
        }

        Json field(String name) {
            element();
            out.append('"').append(name).append("\": ");
            return this;
        }

        Json element() {
            if (!first) out.append(',');
            newline();
            first = false;
            return this;
        }

        Json string(String value) {
            out.append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (c < 0x20) out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            out.append('"');
            return this;
        }

        Json raw(String value) {
            out.append(value);
            return this;
        }

        private void newline() {
            out.append('\n').append("  ".repeat(depth));
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
