package org.muster.sim.demand;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;
import org.muster.domain.Check;
import org.muster.engine.warning.Scope;
import org.muster.engine.warning.SurgeBaseline;
import org.muster.engine.warning.SurgeKey;

/**
 * The demand model as the surge detector's baseline for its first hours: the calls of a type a zone (or
 * all of an organisation's zones) should see in a window, the model's hourly rates integrated over it. A
 * zone or organisation the model does not cover is unknown, not quiet.
 */
public final class DemandBaseline implements SurgeBaseline {
    private static final double NANOS_PER_HOUR = Duration.ofHours(1).toNanos();
    private final DemandModel model;
    /** A key's rate per hour, by the hour: the windows tested at each bin's close overlap almost wholly. */
    private final java.util.Map<HourOfKey, Double> rates = new java.util.concurrent.ConcurrentHashMap<>();

    private record HourOfKey(SurgeKey key, Instant hour) {}

    private DemandBaseline(DemandModel model) {
        this.model = Check.present("model", model);
    }

    public static DemandBaseline of(DemandModel model) {
        return new DemandBaseline(model);
    }

    @Override
    public OptionalDouble expectedCount(SurgeKey key, Instant from, Instant to) {
        List<DemandZone> zones = zonesOf(key);
        if (zones.isEmpty()) return OptionalDouble.empty();
        if (rates.size() > 100_000) rates.clear();
        double sum = 0;
        for (Instant start = from; start.isBefore(to); ) {
            Instant hour = start.truncatedTo(ChronoUnit.HOURS);
            Instant hourEnd = hour.plus(Duration.ofHours(1));
            Instant end = hourEnd.isBefore(to) ? hourEnd : to;
            double share = Duration.between(start, end).toNanos() / NANOS_PER_HOUR;
            sum += share * rates.computeIfAbsent(new HourOfKey(key, hour), k -> rateAt(zones, k));
            start = end;
        }
        return OptionalDouble.of(sum);
    }

    private List<DemandZone> zonesOf(SurgeKey key) {
        return model.listZones().stream()
                .filter(z -> switch (key.scope()) {
                    case Scope.InZone in -> z.zone().equals(in.zone());
                    case Scope.InOrganisation in -> z.organisation().equals(in.organisation());
                })
                .toList();
    }

    private double rateAt(List<DemandZone> zones, HourOfKey k) {
        double rate = 0;
        for (DemandZone z : zones)
            rate += model.ratePerHour(k.hour(), z.zone(), k.key().type());
        return rate;
    }
}
