package org.muster.engine.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.Response;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/** The compact window of finished responses: what goes in comes out, views never see later appends. */
class ResponseWindowTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00.123456789Z");
    private static final OrganisationId MAS = OrganisationId.of("MAS");
    private static final OrganisationId WSP = OrganisationId.of("WSP");

    private static Response response(int n, OrganisationId org, Priority p, boolean suspended) {
        return new Response(
                n,
                IncidentId.of("i" + n),
                org,
                p,
                List.of(ZoneId.of("Z" + (n % 3))),
                T0.plusSeconds(60L * n),
                T0.plusSeconds(60L * n + 300 + n).plusNanos(7),
                suspended);
    }

    @Test
    void responses_come_back_whole_and_in_order() {
        List<Response> in = new ArrayList<>();
        for (int n = 1; n <= 200; n++)
            in.add(response(n, n % 2 == 0 ? MAS : WSP, Priority.values()[n % 8], n % 5 == 0));
        ResponseWindow w = ResponseWindow.of(in);
        assertThat(w.size()).isEqualTo(200);
        assertThat(w.toList()).isEqualTo(in);
        assertThat(w.get(0).zones()).isSameAs(w.get(3).zones()); // interned: one list per set of zones
    }

    @Test
    void a_view_never_sees_what_was_appended_after_it_and_two_writers_from_one_view_do_not_meet() {
        ResponseWindow base = ResponseWindow.of(List.of(response(1, MAS, Priority.C1, false)));
        ResponseWindow live = base.plus(response(2, MAS, Priority.C2, false));
        ResponseWindow fork = base.plus(response(3, WSP, Priority.C3, false)); // a projection's fork of base
        assertThat(base.toList()).extracting(Response::sequence).containsExactly(1L);
        assertThat(live.toList()).extracting(Response::sequence).containsExactly(1L, 2L);
        assertThat(fork.toList()).extracting(Response::sequence).containsExactly(1L, 3L);
        for (int n = 4; n < 300; n++) live = live.plus(response(n, MAS, Priority.C2, false));
        assertThat(fork.toList()).extracting(Response::sequence).containsExactly(1L, 3L);
        assertThat(live.size()).isEqualTo(298);
    }

    @Test
    void a_fork_reads_what_came_before_it_and_goes_on_apart() {
        ResponseWindow live = ResponseWindow.EMPTY;
        for (int n = 1; n <= 5; n++) live = live.plus(response(n, MAS, Priority.C1, false));
        ResponseWindow fork = live.fork();
        for (int n = 6; n <= 8; n++) live = live.plus(response(n, MAS, Priority.C1, false));
        for (int n = 100; n <= 101; n++) fork = fork.plus(response(n, MAS, Priority.C1, false));
        assertThat(live.toList()).extracting(Response::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(fork.toList()).extracting(Response::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 100L, 101L);
        assertThat(fork.sequence(5)).isEqualTo(100L);
        assertThat(fork.times(MAS, Priority.C1, Instant.MIN, zones -> true, all -> true))
                .hasSize(7);
        // trimming takes the prefix's oldest first, then the fork's own
        assertThat(fork.stoppedSince(fork.get(3).stopped()).toList())
                .extracting(Response::sequence)
                .containsExactly(4L, 5L, 100L, 101L);
        assertThat(fork.stoppedSince(fork.get(6).stopped()).toList())
                .extracting(Response::sequence)
                .containsExactly(101L);
        assertThat(fork.fork().plus(response(200, MAS, Priority.C1, false)).toList())
                .extracting(Response::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 100L, 101L, 200L);
    }

    @Test
    void the_oldest_go_first_and_times_select_as_the_statistics_ask() {
        ResponseWindow w = ResponseWindow.EMPTY;
        for (int n = 1; n <= 10; n++) w = w.plus(response(n, n <= 5 ? MAS : WSP, Priority.C1, n == 9));
        ResponseWindow trimmed = w.stoppedSince(w.get(3).stopped());
        assertThat(trimmed.toList()).extracting(Response::sequence).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(trimmed.stoppedSince(Instant.MIN)).isSameAs(trimmed);
        assertThat(trimmed.stoppedSince(Instant.MAX).isEmpty()).isTrue();

        // WSP's C1 since response 7 stopped, not suspended (9 is), in any zone: 7, 8 and 10
        List<Duration> times = trimmed.times(WSP, Priority.C1, w.get(6).stopped(), zones -> true, all -> true);
        assertThat(times)
                .containsExactly(
                        Duration.ofSeconds(307).plusNanos(7),
                        Duration.ofSeconds(308).plusNanos(7),
                        Duration.ofSeconds(310).plusNanos(7));
        assertThat(trimmed.times(WSP, Priority.C1, Instant.MIN, zones -> zones.contains(ZoneId.of("Z1")), all -> true))
                .containsExactly(
                        Duration.ofSeconds(307).plusNanos(7),
                        Duration.ofSeconds(310).plusNanos(7));
        assertThat(trimmed.times(MAS, Priority.C2, Instant.MIN, zones -> true, all -> true))
                .isEmpty();
    }
}
