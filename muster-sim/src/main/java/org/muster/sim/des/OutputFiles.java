package org.muster.sim.des;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.muster.domain.Check;

/**
 * What {@code ./muster simulate} writes for the replications of a scenario: {@code summary.json} (one run's
 * summary as {@link RunFiles} writes it, or with several replications the {@link ReplicatedSummary}),
 * {@code incidents.csv} (every replication's incidents, the replication first on each row) and {@code
 * timeseries.csv} (every replication's {@link TimeSeries}). Written in a
 * fixed order with fixed number formats: the same results give the same bytes.
 */
public final class OutputFiles {
    public static final String TIME_SERIES = "timeseries.csv";

    private OutputFiles() {}

    /** Writes the files into {@code dir}, creating it; returns their paths. */
    public static List<Path> write(List<RunResult> replications, Path dir) {
        Check.nonEmpty("replications", replications);
        Check.present("dir", dir);
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            written.add(Files.writeString(
                    dir.resolve(RunFiles.SUMMARY), summaryJson(replications), StandardCharsets.UTF_8));
            written.add(Files.writeString(
                    dir.resolve(RunFiles.INCIDENTS), incidentsCsv(replications), StandardCharsets.UTF_8));
            written.add(
                    Files.writeString(dir.resolve(TIME_SERIES), timeSeriesCsv(replications), StandardCharsets.UTF_8));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's files to " + dir, e);
        }
    }

    /**
     * Removes the files {@link #write} writes from {@code dir}, and the folder when that leaves it empty: an
     * earlier run's, which would otherwise stand beside this run's as if they were its own. True when there were
     * any.
     */
    public static boolean removeFrom(Path dir) {
        Check.present("dir", dir);
        try {
            boolean any = false;
            for (String name : List.of(RunFiles.SUMMARY, RunFiles.INCIDENTS, TIME_SERIES))
                any |= Files.deleteIfExists(dir.resolve(name));
            if (Files.isDirectory(dir)) {
                try (var left = Files.list(dir)) {
                    if (left.findAny().isEmpty()) Files.delete(dir);
                }
            }
            return any;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove an earlier run's files from " + dir, e);
        }
    }

    /** One run's summary as it always was; several runs' estimates. */
    public static String summaryJson(List<RunResult> replications) {
        if (replications.size() == 1)
            return RunFiles.summaryJson(replications.getFirst().summary());
        return ReplicatedSummary.of(
                        replications.stream().map(RunResult::summary).toList())
                .toJson();
    }

    /** Each replication's {@link RunFiles#incidentsCsv} rows, in order of replication, behind its number. */
    public static String incidentsCsv(List<RunResult> replications) {
        StringBuilder out = new StringBuilder();
        for (int k = 1; k <= replications.size(); k++) {
            String csv = RunFiles.incidentsCsv(replications.get(k - 1).incidents());
            int headerEnd = csv.indexOf('\n') + 1;
            if (k == 1) out.append("replication,").append(csv, 0, headerEnd);
            String prefix = k + ",";
            for (int at = headerEnd; at < csv.length(); ) {
                int next = csv.indexOf('\n', at) + 1;
                out.append(prefix).append(csv, at, next);
                at = next;
            }
        }
        return out.toString();
    }

    /**
     * One row per sample: replication, time (UTC), organisation, measure ({@code waiting} or {@code
     * coverage}), category (coverage's standard; empty for waiting) and value (a count, or a share to four
     * places; empty when there is none).
     */
    public static String timeSeriesCsv(List<RunResult> replications) {
        StringBuilder out = new StringBuilder("replication,time,organisation,measure,category,value\n");
        for (int k = 1; k <= replications.size(); k++) {
            for (TimeSeries.Sample s : replications.get(k - 1).series().samples()) {
                out.append(k)
                        .append(',')
                        .append(s.time())
                        .append(',')
                        .append(s.organisation().value())
                        .append(',')
                        .append(s.measure().name().toLowerCase(java.util.Locale.ROOT))
                        .append(',')
                        .append(s.category().map(Enum::name).orElse(""))
                        .append(',')
                        .append(value(s))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String value(TimeSeries.Sample s) {
        if (s.value().isEmpty()) return "";
        return s.measure() == TimeSeries.Measure.WAITING
                ? Long.toString(Math.round(s.value().getAsDouble()))
                : ReplicatedSummary.number(s.value(), 4);
    }
}
