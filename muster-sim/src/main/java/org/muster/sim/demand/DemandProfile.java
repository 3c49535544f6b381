package org.muster.sim.demand;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;

/**
 * How much demand there is and when: each agency's mean calls per hour for a region of {@link
 * #referenceUnits} units, its shape over the hours of the week, and each incident type's share of its
 * agency's calls. The numbers, their sources and assumptions are in {@code docs/simulation.md}.
 *
 * @param meanPerHour each agency's calls per hour, averaged over the week, for {@code referenceUnits} units
 * @param referenceUnits the region size the rates are for; a model for a region of another size scales them
 * @param hourOfDay each agency's 24 relative rates, midnight to 23:00 local time
 * @param weekendEvening each agency's extra factor on Friday and Saturday 18:00 to 02:00 (the night-time
 *     economy)
 * @param typeShare each incident type's relative share of its agency's calls; a type of the catalogue not
 *     named here gets {@link #DEFAULT_SHARE}
 * @param nightTimeTypes incident types (violence, disorder) that rise further on weekend evenings
 * @param nightTimeFactor how much further they rise
 * @param timeZone where the hours of the week are counted
 */
public record DemandProfile(
        Map<Agency, Double> meanPerHour,
        int referenceUnits,
        Map<Agency, double[]> hourOfDay,
        Map<Agency, Double> weekendEvening,
        Map<IncidentTypeCode, Double> typeShare,
        Set<IncidentTypeCode> nightTimeTypes,
        double nightTimeFactor,
        ZoneId timeZone) {
    public static final double DEFAULT_SHARE = 1.0;
    public static final ZoneId UK = ZoneId.of("Europe/London");

    public DemandProfile {
        meanPerHour = new EnumMap<>(Check.present("meanPerHour", meanPerHour));
        meanPerHour.forEach((a, r) -> Check.range("meanPerHour." + a, r, 0, 1_000_000));
        Check.range("referenceUnits", referenceUnits, 1, 10_000_000);
        Map<Agency, double[]> hours = new EnumMap<>(Agency.class);
        for (var e : Check.present("hourOfDay", hourOfDay).entrySet()) {
            if (e.getValue().length != 24)
                throw org.muster.domain.InvalidInputException.of(
                        "hourOfDay." + e.getKey(), e.getValue().length + " values", "must have 24 values");
            for (double v : e.getValue()) Check.range("hourOfDay." + e.getKey(), v, 0, 1000);
            hours.put(e.getKey(), e.getValue().clone());
        }
        hourOfDay = hours;
        weekendEvening = new EnumMap<>(Check.present("weekendEvening", weekendEvening));
        typeShare = new TreeMap<>(Check.present("typeShare", typeShare));
        typeShare.forEach((t, s) -> Check.range("typeShare." + t, s, 0, 1_000_000));
        nightTimeTypes = Set.copyOf(Check.present("nightTimeTypes", nightTimeTypes));
        Check.range("nightTimeFactor", nightTimeFactor, 0, 100);
        Check.present("timeZone", timeZone);
    }

    /**
     * A busy evening in the generated demo region: ambulance 12, police 8 and fire 0.8 calls an hour on
     * average for 150 units, peaking on Friday and Saturday evenings.
     */
    public static DemandProfile busyEvening() {
        Map<Agency, double[]> hours = new EnumMap<>(Agency.class);
        hours.put(Agency.AMBULANCE, new double[] {
            0.80, 0.70, 0.62, 0.56, 0.52, 0.52, 0.60, 0.78, 0.98, 1.15, 1.25, 1.28,
            1.26, 1.22, 1.18, 1.15, 1.14, 1.16, 1.18, 1.16, 1.10, 1.02, 0.95, 0.88
        });
        hours.put(Agency.POLICE, new double[] {
            0.95, 0.80, 0.65, 0.50, 0.40, 0.35, 0.40, 0.55, 0.75, 0.90, 1.00, 1.05,
            1.10, 1.15, 1.20, 1.30, 1.38, 1.40, 1.40, 1.38, 1.35, 1.30, 1.20, 1.10
        });
        hours.put(Agency.FIRE, new double[] {
            0.70, 0.60, 0.50, 0.45, 0.40, 0.40, 0.50, 0.65, 0.80, 0.90, 1.00, 1.05,
            1.10, 1.15, 1.20, 1.25, 1.30, 1.40, 1.45, 1.45, 1.35, 1.20, 1.00, 0.85
        });
        Map<IncidentTypeCode, Double> share = new TreeMap<>();
        // Ambulance: about 11% C1, 56% C2, 27% C3, 6% C4, near the national mix of categories.
        put(share, "CARDIAC_ARREST", 8);
        put(share, "STABBING_CASUALTY", 3);
        put(share, "SHOOTING_CASUALTY", 0.5);
        put(share, "STROKE", 10);
        put(share, "CHEST_PAIN", 22);
        put(share, "BREATHING_PROBLEMS", 18);
        put(share, "RTC_CASUALTY", 6);
        put(share, "FALL", 27);
        put(share, "FALL_NON_INJURY", 5.5);
        // Police: incidents needing a deployment, most of them not emergencies.
        put(share, "WELFARE_CONCERN", 25);
        put(share, "STABBING", 4);
        put(share, "FIREARMS", 0.7);
        put(share, "PUBLIC_DISORDER", 6);
        put(share, "OBSTRUCTED_ACCESS", 1.3);
        put(share, "BURGLARY_IN_PROGRESS", 8);
        put(share, "RTC", 15);
        put(share, "THEFT_REPORT", 40);
        // Fire: about half vehicle fires, a third building fires, the rest rescues.
        put(share, "BUILDING_FIRE", 35);
        put(share, "RTC_PERSONS_TRAPPED", 15);
        put(share, "VEHICLE_FIRE", 50);
        return new DemandProfile(
                Map.of(Agency.AMBULANCE, 12.0, Agency.POLICE, 8.0, Agency.FIRE, 0.8),
                150,
                hours,
                Map.of(Agency.AMBULANCE, 1.15, Agency.POLICE, 1.25, Agency.FIRE, 1.1),
                share,
                Set.of(
                        IncidentTypeCode.of("STABBING"),
                        IncidentTypeCode.of("STABBING_CASUALTY"),
                        IncidentTypeCode.of("PUBLIC_DISORDER"),
                        IncidentTypeCode.of("OBSTRUCTED_ACCESS")),
                2.0,
                UK);
    }

    private static void put(Map<IncidentTypeCode, Double> share, String code, double value) {
        share.put(IncidentTypeCode.of(code), value);
    }

    /** This profile with every agency's mean rate multiplied by {@code factor}. */
    public DemandProfile scaledBy(double factor) {
        Check.range("factor", factor, 0, 1_000_000);
        Map<Agency, Double> each = new EnumMap<>(Agency.class);
        for (Agency a : Agency.values()) each.put(a, factor);
        return scaledBy(each);
    }

    /**
     * This profile with each agency's mean rate multiplied by its factor in {@code factors}; an agency not named
     * keeps its rate. A walkout's scenario doubles the police's calls and leaves the ambulance service's as they are.
     */
    public DemandProfile scaledBy(Map<Agency, Double> factors) {
        Check.present("factors", factors).forEach((a, f) -> Check.range("factors." + a, f, 0, 1_000_000));
        Map<Agency, Double> scaled = new EnumMap<>(Agency.class);
        meanPerHour.forEach((a, r) -> scaled.put(a, r * factors.getOrDefault(a, 1.0)));
        return new DemandProfile(
                scaled,
                referenceUnits,
                hourOfDay,
                weekendEvening,
                typeShare,
                nightTimeTypes,
                nightTimeFactor,
                timeZone);
    }

    public double shareOf(IncidentTypeCode type) {
        return typeShare.getOrDefault(type, DEFAULT_SHARE);
    }

    /** The agency's relative rate in the local hour {@code hour} of {@code day}, before normalising. */
    double shape(Agency agency, DayOfWeek day, int hour) {
        double[] hours = hourOfDay.get(agency);
        double f = hours == null ? 1 : hours[hour];
        return isWeekendEvening(day, hour) ? f * weekendEvening.getOrDefault(agency, 1.0) : f;
    }

    /** The type's extra factor in that hour. */
    double boost(IncidentTypeCode type, DayOfWeek day, int hour) {
        return nightTimeTypes.contains(type) && isWeekendEvening(day, hour) ? nightTimeFactor : 1;
    }

    /** Friday or Saturday from 18:00 to 02:00 the next morning. */
    static boolean isWeekendEvening(DayOfWeek day, int hour) {
        if (hour >= 18) return day == DayOfWeek.FRIDAY || day == DayOfWeek.SATURDAY;
        if (hour < 2) return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return false;
    }

    /**
     * The last Friday 18:00 in {@code zone} at or before {@code reference}: where a demo that wants a busy
     * evening starts its simulated clock.
     */
    public static Instant fridayEveningBefore(Instant reference, ZoneId zone) {
        ZonedDateTime at = reference.atZone(zone);
        ZonedDateTime friday =
                at.with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY)).with(LocalTime.of(18, 0));
        if (friday.isAfter(at)) friday = friday.minusWeeks(1);
        return friday.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DemandProfile p
                && meanPerHour.equals(p.meanPerHour)
                && referenceUnits == p.referenceUnits
                && hourOfDay.keySet().equals(p.hourOfDay.keySet())
                && hourOfDay.entrySet().stream()
                        .allMatch(e -> java.util.Arrays.equals(e.getValue(), p.hourOfDay.get(e.getKey())))
                && weekendEvening.equals(p.weekendEvening)
                && typeShare.equals(p.typeShare)
                && nightTimeTypes.equals(p.nightTimeTypes)
                && nightTimeFactor == p.nightTimeFactor
                && timeZone.equals(p.timeZone);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(meanPerHour, referenceUnits, weekendEvening, typeShare, timeZone);
    }

    @Override
    public String toString() {
        return "DemandProfile" + meanPerHour + " per hour for " + referenceUnits + " units";
    }
}
