package org.muster.sim.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.RegionFixture;

/**
 * Demand learned from recorded calls: four weeks drawn from the region's own model are the history, and what
 * is learned from them must give back the model's rates, hour by hour and place by place.
 */
class RecordedDemandTest {
    /** A Monday, midnight in London (GMT in November). */
    private static final Instant MONDAY = Instant.parse("2026-11-16T00:00:00Z");

    private static final Instant FOUR_WEEKS_BEFORE = MONDAY.minus(Duration.ofDays(28));
    private static DemandModel model;
    private static List<Arrival> history;
    private static RecordedDemand learned;

    @BeforeAll
    static void learnFourWeeksOfTheModelsCalls() {
        model = DemandModel.forRegion(
                RegionFixture.region(),
                DemandProfile.busyEvening(),
                IncidentTypeCatalogue.defaults(),
                DemandModel.RoadSnap.NONE);
        history = model.arrivals(FOUR_WEEKS_BEFORE, MONDAY, new SplittableRandom(11));
        learned = RecordedDemand.learn(history, FOUR_WEEKS_BEFORE, MONDAY, DemandProfile.UK);
    }

    @Test
    void theRatesOfEachPartOfTheWeekAreTheModels() {
        assertThat(learned.countCalls()).isEqualTo(history.size());
        assertThat(learned.history()).isEqualTo(Duration.ofDays(28));
        // a whole week, a Friday evening and a small hour of a weekday: within a few standard errors of four
        // weeks' counts
        Instant friday18 = MONDAY.plus(Duration.ofDays(4).plusHours(18));
        for (var window : List.of(
                new Instant[] {MONDAY, MONDAY.plus(Duration.ofDays(7))},
                new Instant[] {friday18, friday18.plus(Duration.ofHours(4))},
                new Instant[] {MONDAY.plus(Duration.ofHours(3)), MONDAY.plus(Duration.ofHours(5))})) {
            double expected = model.expectedCount(window[0], window[1]);
            double sd = Math.sqrt(expected / 4);
            assertThat(learned.expectedCount(window[0], window[1]))
                    .as("%s to %s", window[0], window[1])
                    .isCloseTo(expected, within(4 * sd + 0.5));
        }
        assertThat(learned.ratePerHour(friday18)).isGreaterThan(learned.ratePerHour(MONDAY.plus(Duration.ofHours(4))));
    }

    /**
     * Each service's calls at its own factor (a walkout doubling the police's): drawn at the largest and thinned
     * to each call's own, so the police's calls double and the ambulance service's stay; one factor for every
     * call draws exactly what scaling by that factor draws.
     */
    @Test
    void eachServicesCallsAtItsOwnFactor() {
        IncidentTypeCatalogue catalogue = IncidentTypeCatalogue.defaults();
        java.util.function.Function<Arrival, org.muster.domain.organisation.Agency> agency =
                a -> catalogue.getType(a.type()).agency();
        RecordedDemand walkout =
                learned.scaledBy(a -> agency.apply(a) == org.muster.domain.organisation.Agency.POLICE ? 2.0 : 1.0, 2.0);
        Instant from = MONDAY;
        Instant to = MONDAY.plus(Duration.ofDays(7));
        for (var a : List.of(
                org.muster.domain.organisation.Agency.POLICE, org.muster.domain.organisation.Agency.AMBULANCE)) {
            double usual = learned.expectedCount(from, to, x -> agency.apply(x) == a);
            double now = walkout.expectedCount(from, to, x -> agency.apply(x) == a);
            assertThat(now / usual)
                    .as(a.toString())
                    .isCloseTo(a == org.muster.domain.organisation.Agency.POLICE ? 2.0 : 1.0, within(1e-9));
            long drawnUsual = learned.arrivals(from, to, new SplittableRandom(5)).stream()
                    .filter(x -> agency.apply(x) == a)
                    .count();
            long drawn = walkout.arrivals(from, to, new SplittableRandom(5)).stream()
                    .filter(x -> agency.apply(x) == a)
                    .count();
            double ratio = (double) drawn / drawnUsual;
            assertThat(ratio).as(a + ": %d against %d", drawn, drawnUsual).isCloseTo(now / usual, within(0.12));
        }
        assertThat(learned.scaledBy(a -> 1.5, 1.5).arrivals(from, to, new SplittableRandom(9)))
                .isEqualTo(learned.scaledBy(1.5).arrivals(from, to, new SplittableRandom(9)));
    }

    @Test
    void theCallsDrawnComeFromThePlacesAndKindsOfTheirHour() {
        Instant from = MONDAY;
        Instant to = MONDAY.plus(Duration.ofDays(7));
        List<Arrival> next = learned.arrivals(from, to, new SplittableRandom(3));
        assertThat(next).isSortedAccordingTo(java.util.Comparator.comparing(Arrival::at));
        assertThat(next).allMatch(a -> !a.at().isBefore(from) && a.at().isBefore(to));
        // every call is a recorded call's place, zone and kind
        var recorded = history.stream()
                .map(a -> a.zone() + " " + a.type() + " " + a.location())
                .collect(Collectors.toSet());
        assertThat(next).allMatch(a -> recorded.contains(a.zone() + " " + a.type() + " " + a.location()));
        // and the zones' shares follow the model's over the week
        Map<ZoneId, Long> byZone = next.stream().collect(Collectors.groupingBy(Arrival::zone, Collectors.counting()));
        ZoneId busiest = byZone.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        Map<ZoneId, Long> modelByZone = model.arrivals(from, to, new SplittableRandom(3)).stream()
                .collect(Collectors.groupingBy(Arrival::zone, Collectors.counting()));
        double share = byZone.get(busiest) / (double) next.size();
        double modelShare = modelByZone.getOrDefault(busiest, 0L)
                / (double)
                        modelByZone.values().stream().mapToLong(Long::longValue).sum();
        assertThat(share).isCloseTo(modelShare, within(0.05));

        // the same generator, the same calls; twice the scale, about twice the calls
        assertThat(learned.arrivals(from, to, new SplittableRandom(3))).isEqualTo(next);
        int doubled =
                learned.scaledBy(2).arrivals(from, to, new SplittableRandom(4)).size();
        assertThat(doubled).isBetween((int) (next.size() * 1.8), (int) (next.size() * 2.2));
    }

    @Test
    void aDayOfHistoryFillsTheHoursOfTheWeekItNeverSawFromTheSameHourOfTheDay() {
        Instant tuesday = MONDAY.minus(Duration.ofDays(6));
        RecordedDemand oneDay =
                RecordedDemand.learn(history, tuesday, tuesday.plus(Duration.ofDays(1)), DemandProfile.UK);
        long tuesdayAtNine = history.stream()
                .filter(a -> !a.at().isBefore(tuesday.plus(Duration.ofHours(9)))
                        && a.at().isBefore(tuesday.plus(Duration.ofHours(10))))
                .count();
        // Saturday 09:00 was never seen: it takes Tuesday's 09:00
        assertThat(oneDay.ratePerHour(
                        MONDAY.plus(Duration.ofDays(5).plusHours(9).plusMinutes(30))))
                .isEqualTo((double) tuesdayAtNine);
    }

    @Test
    void lessThanADayIsRefusedNamingHowMuchThereWas() {
        assertThatThrownBy(() ->
                        RecordedDemand.learn(history, MONDAY.minus(Duration.ofHours(5)), MONDAY, DemandProfile.UK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("history")
                .hasMessageContaining("PT5H")
                .hasMessageContaining("at least 24 hours");
        assertThatThrownBy(() -> learned.scaledBy(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("factor");
    }
}
