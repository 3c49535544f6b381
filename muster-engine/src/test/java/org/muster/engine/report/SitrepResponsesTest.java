package org.muster.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * The situation report's response times are the board's at midnight. A walk of the demo found them split
 * differently: a call received before midnight and reached after it stayed "not reached" in its own day's
 * report and was never counted in the next, while the board and {@code /kpis} counted it when its clock stopped
 * (Westshire's emergencies on 5 December: 93 in the report, 96 on the board).
 */
class SitrepResponsesTest {
    private static final LocalDate DAY_ONE = LocalDate.parse("2026-12-04");
    private static final LocalDate DAY_TWO = LocalDate.parse("2026-12-05");
    private static final Instant MIDNIGHT = Instant.parse("2026-12-05T00:00:00Z");
    private static final Instant NEXT_MIDNIGHT = Instant.parse("2026-12-06T00:00:00Z");

    private final TestClock clock = TestClock.at("2026-12-04T21:00:00Z");
    private final Rules rules = Rules.defaults();
    private final MemoryEventLog log = new MemoryEventLog();
    private final SingleWriter engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
    /** The service's own figures, live, as the board and the API read them. */
    private final ResponseTimes live = new ResponseTimes(rules, ResponseTargets.DEFAULTS);

    @AfterEach
    void stop() {
        engine.close();
    }

    private void call(String id, String unit) {
        engine.execute(env(incident(id, "AMB", "STROKE", TestRegion.CENTRE)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of(id), UnitId.of(unit), AssignmentRole.PRIMARY)));
    }

    private void arrive(String unit) {
        engine.execute(env(status(unit, UnitStatus.ON_SCENE)));
        engine.execute(env(status(unit, UnitStatus.AVAILABLE)));
    }

    @Test
    void eachDaysResponsesAreTheBoardsAtItsMidnight() {
        TestRegion.commands().forEach(engine::execute);
        engine.subscribe(live);
        call("C2-EVENING", "A1");
        clock.advance(Duration.ofMinutes(10));
        arrive("A1");
        clock.set(Instant.parse("2026-12-04T23:40:00Z"));
        call("C2-LATE", "A2");
        clock.set(Instant.parse("2026-12-04T23:50:00Z"));
        call("C2-LATEST", "A3");
        clock.set(MIDNIGHT);
        ResponseStats boardAtMidnight = c2(MIDNIGHT);

        clock.set(Instant.parse("2026-12-05T00:20:00Z"));
        arrive("A2");
        clock.set(Instant.parse("2026-12-05T01:00:00Z"));
        arrive("A3");
        clock.set(Instant.parse("2026-12-05T08:00:00Z"));
        call("C2-MORNING", "A1");
        clock.advance(Duration.ofMinutes(15));
        arrive("A1");
        clock.set(NEXT_MIDNIGHT);
        ResponseStats boardAtNextMidnight = c2(NEXT_MIDNIGHT);

        Sitrep.Response first = c2(Sitrep.of(log, DAY_ONE, rules, ResponseTargets.DEFAULTS));
        Sitrep.Response second = c2(Sitrep.of(log, DAY_TWO, rules, ResponseTargets.DEFAULTS));
        assertThat(Sitrep.of(log, DAY_ONE, rules, ResponseTargets.DEFAULTS).asOf())
                .isEqualTo(MIDNIGHT);
        assertThat(Sitrep.of(log, DAY_TWO, rules, ResponseTargets.DEFAULTS).asOf())
                .as("the log ends that morning: the day is reported as at its last event")
                .isEqualTo(Instant.parse("2026-12-05T08:15:00Z"));
        assertSame(first, boardAtMidnight);
        assertSame(second, boardAtNextMidnight);
        assertThat(first.reached()).as("the evening's call").isEqualTo(1);
        assertThat(first.waiting())
                .as("the two late calls, still waiting at midnight")
                .isEqualTo(2);
        assertThat(second.reached())
                .as("the late calls are the next day's responses, beside the morning's")
                .isEqualTo(3);
        assertThat(second.mean()).contains(Duration.ofMinutes(40 + 70 + 15).dividedBy(3));
        assertThat(first.reached() + second.reached())
                .as("every response in exactly one day's report")
                .isEqualTo(live.listResponses().size());
    }

    private ResponseStats c2(Instant at) {
        return live.statsForOrganisation(org("AMB"), Priority.C2, ResponseTimes.Window.DAY, at);
    }

    private static Sitrep.Response c2(Sitrep report) {
        return report.responses().stream()
                .filter(r -> r.organisation().equals(org("AMB")) && r.priority() == Priority.C2)
                .findFirst()
                .orElseThrow();
    }

    private static void assertSame(Sitrep.Response report, ResponseStats board) {
        assertThat(report.reached()).isEqualTo(board.count());
        assertThat(report.waiting()).isEqualTo(board.waiting());
        assertThat(report.waitingOverTarget()).isEqualTo(board.waitingOverTarget());
        assertThat(report.mean()).isEqualTo(board.mean());
        assertThat(report.p90()).isEqualTo(board.p90());
        assertThat(report.breachesMean()).isEqualTo(board.breachesMean());
        assertThat(report.breachesP90()).isEqualTo(board.breachesP90());
        assertThat(report.withinTarget()).isEqualTo(board.withinTarget());
        assertThat(report.targetMean()).isEqualTo(board.target().mean());
    }
}
