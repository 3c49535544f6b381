package org.muster.sim.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.RegionFixture;

class DemandModelTest {
    private static final long SEED = 20261120L;
    /** A Monday, midnight in London (GMT in November). */
    private static final Instant MONDAY = Instant.parse("2026-11-16T00:00:00Z");

    private static final IncidentTypeCatalogue CATALOGUE = IncidentTypeCatalogue.defaults();
    private static DemandModel model;

    @BeforeAll
    static void build() {
        model = DemandModel.forRegion(
                RegionFixture.region(), DemandProfile.busyEvening(), CATALOGUE, DemandModel.RoadSnap.NONE);
    }

    @Test
    void theWeekAveragesTheProfilesRates() {
        double sum = 0;
        for (int h = 0; h < 168; h++) sum += model.ratePerHour(MONDAY.plus(Duration.ofHours(h)));
        // 12 + 8 + 0.8 calls an hour for 150 units; the demo region has 150.
        assertThat(sum / 168).isCloseTo(20.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fridayEveningIsTheBusiestTimeOfTheWeek() {
        Instant friday21 = MONDAY.plus(Duration.ofDays(4)).plus(Duration.ofHours(21));
        double peak = model.ratePerHour(friday21);
        for (int h = 0; h < 168; h++) {
            ZonedDateTime local = MONDAY.plus(Duration.ofHours(h)).atZone(DemandProfile.UK);
            boolean weekendEvening = DemandProfile.isWeekendEvening(local.getDayOfWeek(), local.getHour());
            if (!weekendEvening)
                assertThat(model.ratePerHour(local.toInstant())).isLessThan(peak);
        }
        Instant tuesday04 = MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(4));
        assertThat(peak).isGreaterThan(2 * model.ratePerHour(tuesday04));
    }

    @Test
    void ambulanceCallsOutnumberPoliceWhichOutnumberFire() {
        Map<Agency, Integer> counts = new HashMap<>();
        for (Arrival a : model.arrivals(MONDAY, MONDAY.plus(Duration.ofDays(7)), new SplittableRandom(SEED))) {
            counts.merge(CATALOGUE.getType(a.type()).agency(), 1, Integer::sum);
        }
        assertThat(counts.get(Agency.AMBULANCE)).isGreaterThan(counts.get(Agency.POLICE));
        assertThat(counts.get(Agency.POLICE)).isGreaterThan(5 * counts.get(Agency.FIRE));
    }

    /** Two weeks of calls against the hour-of-week rates: a chi-square over the 168 hours. */
    @Test
    void arrivalsFollowTheRateOfEachHourOfTheWeek() {
        Instant end = MONDAY.plus(Duration.ofDays(14));
        List<Arrival> arrivals = model.arrivals(MONDAY, end, new SplittableRandom(SEED));
        double[] observed = new double[168];
        for (Arrival a : arrivals)
            observed[(int) (Duration.between(MONDAY, a.at()).toHours() % 168)]++;
        double chi2 = 0;
        for (int h = 0; h < 168; h++) {
            double expected = 2 * model.ratePerHour(MONDAY.plus(Duration.ofHours(h)));
            chi2 += (observed[h] - expected) * (observed[h] - expected) / expected;
        }
        // 167 degrees of freedom: the 0.1% critical value is about 228.
        assertThat(chi2).as("chi-square, seed %d", SEED).isLessThan(228);
        assertThat((double) arrivals.size())
                .isCloseTo(model.expectedCount(MONDAY, end), withinSd(model.expectedCount(MONDAY, end)));
        assertThat(arrivals).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        assertThat(arrivals).allSatisfy(a -> assertThat(a.at()).isBetween(MONDAY, end));
    }

    /** The types' shares over a week against the catalogue and the profile: a chi-square over the types. */
    @Test
    void theTypeMixFollowsTheCatalogue() {
        Instant end = MONDAY.plus(Duration.ofDays(7));
        List<Arrival> arrivals = model.arrivals(MONDAY, end, new SplittableRandom(SEED + 1));
        Map<IncidentTypeCode, Integer> observed = new TreeMap<>();
        arrivals.forEach(a -> observed.merge(a.type(), 1, Integer::sum));
        double chi2 = 0;
        int cells = 0;
        for (IncidentType t : CATALOGUE.listTypes()) {
            double expected = 0;
            for (int h = 0; h < 168; h++) {
                Instant at = MONDAY.plus(Duration.ofHours(h));
                for (DemandZone z : model.listZones()) expected += model.ratePerHour(at, z.zone(), t.code());
            }
            int seen = observed.getOrDefault(t.code(), 0);
            assertThat(expected).as(t.code().value()).isPositive();
            chi2 += (seen - expected) * (seen - expected) / expected;
            cells++;
        }
        assertThat(observed.keySet())
                .allSatisfy(code -> assertThat(CATALOGUE.findType(code)).isPresent());
        // 19 degrees of freedom: the 0.1% critical value is about 43.8.
        assertThat(cells).isEqualTo(20);
        assertThat(chi2).as("chi-square, seed %d", SEED + 1).isLessThan(43.8);
        assertThat(arrivals)
                .allSatisfy(a -> assertThat(a.priority())
                        .isEqualTo(CATALOGUE.getType(a.type()).defaultPriority()));
    }

    @Test
    void callsComeFromInsideTheirZoneAndMostlyFromTheCity() {
        Map<ZoneId, DemandZone> zones = new HashMap<>();
        model.listZones().forEach(z -> zones.put(z.zone(), z));
        List<Arrival> arrivals = model.arrivals(MONDAY, MONDAY.plus(Duration.ofDays(2)), new SplittableRandom(SEED));
        for (Arrival a : arrivals) {
            DemandZone z = zones.get(a.zone());
            assertThat(z.organisation()).isEqualTo(a.organisation());
            assertThat(z.area().covers(a.location()))
                    .as("%s in %s", a.location(), a.zone())
                    .isTrue();
        }
        long ambulance = arrivals.stream()
                .filter(a -> a.organisation().value().equals("MAS"))
                .count();
        long cityAmbulance =
                arrivals.stream().filter(a -> a.zone().value().equals("MAS-01")).count();
        assertThat((double) cityAmbulance / ambulance).isGreaterThan(0.4);
    }

    @Test
    void theSameSeedGivesTheSameCalls() {
        Instant end = MONDAY.plus(Duration.ofHours(6));
        assertThat(model.arrivals(MONDAY, end, new SplittableRandom(3)))
                .isEqualTo(model.arrivals(MONDAY, end, new SplittableRandom(3)))
                .isNotEqualTo(model.arrivals(MONDAY, end, new SplittableRandom(4)));
    }

    /**
     * A surge multiplies its calls' rate in its zones for its window, starting and ending within an hour,
     * and leaves every other call as the model without it draws them.
     */
    @Test
    void aSurgeRaisesItsCallsInItsZonesForItsWindowAndNothingElse() {
        List<ZoneId> police = model.listZones().stream()
                .filter(z -> z.agency() == Agency.POLICE)
                .map(DemandZone::zone)
                .toList();
        ZoneId zone = police.get(0);
        IncidentTypeCode stabbing = IncidentTypeCode.of("STABBING");
        Instant from = MONDAY.plus(Duration.ofMinutes(90));
        Instant to = MONDAY.plus(Duration.ofMinutes(150));
        DemandModel surged = model.withSurges(List.of(
                new Surge(java.util.Set.of(zone), java.util.Set.of(stabbing), java.util.Set.of(), 4, from, to)));
        Instant inside = from.plus(Duration.ofMinutes(10));
        double base = model.ratePerHour(inside, zone, stabbing);
        assertThat(base).isPositive();
        assertThat(surged.ratePerHour(inside, zone, stabbing))
                .isCloseTo(4 * base, org.assertj.core.data.Offset.offset(1e-9));
        // outside the window, in other zones and for other types, the rates are the model's
        assertThat(surged.ratePerHour(to, zone, stabbing)).isEqualTo(model.ratePerHour(to, zone, stabbing));
        assertThat(surged.ratePerHour(from.minusMillis(1), zone, stabbing))
                .isEqualTo(model.ratePerHour(from.minusMillis(1), zone, stabbing));
        ZoneId other = police.get(1);
        assertThat(surged.ratePerHour(inside, other, stabbing)).isEqualTo(model.ratePerHour(inside, other, stabbing));
        assertThat(surged.ratePerHour(inside, zone, IncidentTypeCode.of("THEFT_REPORT")))
                .isEqualTo(model.ratePerHour(inside, zone, IncidentTypeCode.of("THEFT_REPORT")));
        assertThat(surged.expectedCount(MONDAY, MONDAY.plus(Duration.ofHours(4)))
                        - model.expectedCount(MONDAY, MONDAY.plus(Duration.ofHours(4))))
                .isCloseTo(
                        3 * 0.5 * (base + model.ratePerHour(MONDAY.plus(Duration.ofHours(2)), zone, stabbing)),
                        org.assertj.core.data.Offset.offset(1e-6));
        // many draws: the window's calls about four times the hour's before it (a quiet night's rate is low)
        int in = 0;
        int before = 0;
        for (long seed = 0; seed < 1000; seed++) {
            for (Arrival a : surged.arrivals(MONDAY, MONDAY.plus(Duration.ofHours(3)), new SplittableRandom(seed))) {
                if (!a.zone().equals(zone) || !a.type().equals(stabbing)) continue;
                if (!a.at().isBefore(from) && a.at().isBefore(to)) in++;
                else if (a.at().isBefore(from) && !a.at().isBefore(from.minus(Duration.ofHours(1)))) before++;
            }
        }
        assertThat(in).isGreaterThan(2 * Math.max(before, 1));
        // the calls before the window are drawn exactly as without the surge
        assertThat(surged.arrivals(MONDAY, from, new SplittableRandom(5)))
                .isEqualTo(model.arrivals(MONDAY, from, new SplittableRandom(5)));
    }

    /**
     * A planner's baseline and scenario share their calls (common random numbers): a surge adds its own calls
     * and drops some of those it lowers, and every other call, after the window as much as before it and in
     * the window's other zones and kinds, is the call the model draws without it. Before, the surge's draws
     * came from the same generator, and every call after the window was another.
     */
    @Test
    void aSurgeChangesOnlyItsOwnCallsTheRestAreTheSameCallsAsWithoutIt() {
        List<ZoneId> police = model.listZones().stream()
                .filter(z -> z.agency() == Agency.POLICE)
                .map(DemandZone::zone)
                .toList();
        ZoneId raisedZone = police.get(0);
        ZoneId loweredZone = police.get(1);
        IncidentTypeCode disorder = IncidentTypeCode.of("PUBLIC_DISORDER");
        Instant from = MONDAY.plus(Duration.ofMinutes(90));
        Instant to = MONDAY.plus(Duration.ofMinutes(150));
        Instant end = MONDAY.plus(Duration.ofHours(6));
        DemandModel surged = model.withSurges(List.of(
                new Surge(java.util.Set.of(raisedZone), java.util.Set.of(disorder), java.util.Set.of(), 8, from, to),
                new Surge(
                        java.util.Set.of(loweredZone),
                        java.util.Set.of(),
                        java.util.Set.of(org.muster.domain.incident.Priority.PRIORITY),
                        0.25,
                        from,
                        to)));
        int added = 0;
        int dropped = 0;
        int kept = 0;
        for (long seed = 0; seed < 200; seed++) {
            List<Arrival> without = model.arrivals(MONDAY, end, new SplittableRandom(seed));
            List<Arrival> with = surged.arrivals(MONDAY, end, new SplittableRandom(seed), new SplittableRandom(~seed));
            for (Arrival a : without) {
                boolean lowered = a.zone().equals(loweredZone)
                        && a.priority() == org.muster.domain.incident.Priority.PRIORITY
                        && !a.at().isBefore(from)
                        && a.at().isBefore(to);
                if (!lowered) assertThat(with).as("seed %d: %s", seed, a).contains(a);
                else if (with.contains(a)) kept++;
                else dropped++;
            }
            for (Arrival a : with) {
                if (without.contains(a)) continue;
                assertThat(a.zone()).isEqualTo(raisedZone);
                assertThat(a.type()).isEqualTo(disorder);
                assertThat(a.at()).isBetween(from, to.minusNanos(1));
                added++;
            }
            assertThat(with).isSortedAccordingTo(java.util.Comparator.comparing(Arrival::at));
        }
        // seven times the window's disorder again (half an hour in each of two hours), and three in four of the
        // lowered calls dropped
        double expected = 200
                * 7
                * 0.5
                * (model.ratePerHour(from, raisedZone, disorder)
                        + model.ratePerHour(to.minusNanos(1), raisedZone, disorder));
        assertThat((double) added).isCloseTo(expected, withinSd(Math.max(expected, 1)));
        assertThat(kept + dropped).isPositive();
        assertThat((double) dropped / (kept + dropped)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.12));
    }

    @Test
    void fridayEveningBeforeFindsTheLastFridayAtSix() {
        Instant sunday = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(DemandProfile.fridayEveningBefore(sunday, DemandProfile.UK))
                .isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
        Instant fridayNoon = Instant.parse("2026-11-20T12:00:00Z");
        assertThat(DemandProfile.fridayEveningBefore(fridayNoon, DemandProfile.UK))
                .isEqualTo(Instant.parse("2026-11-13T18:00:00Z"));
        assertThat(Instant.parse("2026-11-20T18:00:00Z")
                        .atZone(DemandProfile.UK)
                        .getDayOfWeek())
                .isEqualTo(DayOfWeek.FRIDAY);
    }

    private static org.assertj.core.data.Offset<Double> withinSd(double mean) {
        return org.assertj.core.data.Offset.offset(4 * Math.sqrt(mean));
    }
}
