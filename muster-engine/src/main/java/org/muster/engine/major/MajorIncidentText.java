package org.muster.engine.major;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MethaneReport;
import org.muster.domain.major.TriageCategory;

/**
 * A major incident in plain text for a radio or email handover: the METHANE reports (each attending
 * organisation's latest, its changed parts marked), and the timeline report given at its stand-down.
 */
public final class MajorIncidentText {
    private MajorIncidentText() {}

    /** Each organisation's latest METHANE report, newest first; a part changed since its previous one is starred. */
    public static String methane(MajorIncident m) {
        StringBuilder out = new StringBuilder();
        out.append("METHANE - ")
                .append(m.name())
                .append(" (")
                .append(m.id())
                .append(", ")
                .append(m.status())
                .append(")\n");
        List<MethaneReport> latest = m.listLatestMethane();
        if (latest.isEmpty()) out.append("\nNo METHANE report filed yet.\n");
        for (MethaneReport r : latest) {
            out.append('\n')
                    .append(r.organisation())
                    .append(" report ")
                    .append(r.version())
                    .append(", ")
                    .append(r.filedAt())
                    .append(", by ")
                    .append(r.filedBy())
                    .append('\n');
            r.message()
                    .parts()
                    .forEach((heading, text) -> out.append(
                                    r.changed().contains(heading) && r.version() > 1 ? "* " : "  ")
                            .append(heading)
                            .append(": ")
                            .append(text)
                            .append('\n'));
        }
        if (latest.stream().anyMatch(r -> r.version() > 1))
            out.append("\n* changed since that organisation's previous report\n");
        return out.toString();
    }

    /** The timeline report: what happened, when and by whom, with the figures at the end. */
    public static String report(MajorIncidentBoard board, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("MAJOR INCIDENT REPORT - ")
                .append(board.name())
                .append(" (")
                .append(board.id())
                .append(")\n");
        out.append("Declared by ")
                .append(board.declaredBy())
                .append(" at ")
                .append(board.declaredAt())
                .append('\n');
        Instant end = board.stoodDownAt().orElse(now);
        out.append(board.stoodDownAt().isPresent() ? "Stood down at " + end : "Still " + board.status() + " at " + end)
                .append(" after ")
                .append(hoursMinutes(Duration.between(board.declaredAt(), end)))
                .append('\n');
        out.append("Attending: ")
                .append(String.join(
                        ", ",
                        board.organisations().stream().map(Object::toString).toList()))
                .append('\n');
        out.append("Calls linked: ")
                .append(board.calls().size())
                .append("; units committed now: ")
                .append(board.unitsCommitted())
                .append("; METHANE reports: ")
                .append(board.methaneReports())
                .append('\n');
        out.append("Casualties:");
        for (Map.Entry<TriageCategory, Integer> e : board.casualties().entrySet())
            out.append(' ').append(e.getKey()).append(' ').append(e.getValue());
        out.append("\n\nTimeline\n");
        for (TimelineEntry t : board.timeline())
            out.append(t.at()).append("  ").append(t.what()).append('\n');
        return out.toString();
    }

    private static String hoursMinutes(Duration d) {
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
