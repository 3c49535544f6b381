package org.muster.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.Wgs84;
import org.muster.geo.zone.ZoneLookup;
import org.muster.geo.zone.ZoneShape;

/** A locator that remembers points answers as the zones' own search does, however often and in whatever order. */
class ZoneLocatorsTest {
    private static final long SEED = 15;

    private static ZoneShape box(
            String id, Optional<String> parent, double minLon, double minLat, double maxLon, double maxLat) {
        return new ZoneShape(
                ZoneId.of(id),
                OrganisationId.of("T"),
                id,
                parent.map(ZoneId::of),
                Wgs84.FACTORY.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat)));
    }

    // a parent area, three sectors inside it, one zone beside it
    private static final ZoneLookup ZONES = ZoneLookup.of(List.of(
            box("P", Optional.empty(), 0, 0, 0.2, 0.2),
            box("A", Optional.of("P"), 0, 0, 0.1, 0.1),
            box("B", Optional.of("P"), 0.1, 0, 0.2, 0.1),
            box("C", Optional.of("P"), 0, 0.1, 0.2, 0.2),
            box("G", Optional.empty(), 0.2, 0, 0.3, 0.1)));

    @Test
    void aPointAskedAgainGetsTheZonesTheIndexFindsForIt() {
        Rules.ZoneLocator locator = ZoneLocators.of(ZONES);
        SplittableRandom random = new SplittableRandom(SEED);
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < 300; i++)
            points.add(GeoPoint.of(random.nextDouble(-0.05, 0.25), random.nextDouble(-0.05, 0.35)));
        // corners and edges, where a point lies in several zones
        points.addAll(List.of(GeoPoint.of(0.1, 0.1), GeoPoint.of(0, 0), GeoPoint.of(0.1, 0.2), GeoPoint.of(0.05, 0.2)));
        for (int pass = 0; pass < 3; pass++)
            for (GeoPoint p : points)
                assertThat(locator.zonesAt(p))
                        .as("%s, pass %d", p, pass)
                        .isEqualTo(ZONES.listContaining(p).stream()
                                .map(ZoneShape::id)
                                .toList());
    }

    @Test
    void pastTheBoundItStartsAfreshAndStillAnswersAlike() {
        Rules.ZoneLocator locator = ZoneLocators.of(ZONES);
        GeoPoint first = GeoPoint.of(0.05, 0.05);
        List<ZoneId> answer = locator.zonesAt(first);
        for (int i = 0; i <= ZoneLocators.MOST_POINTS_KEPT; i++) locator.zonesAt(GeoPoint.of(0.05, 0.15 + i * 1e-6));
        assertThat(locator.zonesAt(first)).isEqualTo(answer).containsExactly(ZoneId.of("A"), ZoneId.of("P"));
    }

    @Test
    void eachPointIsSearchedOnce() {
        AtomicInteger searches = new AtomicInteger();
        ZoneLookup counting = new ZoneLookup() {
            @Override
            public List<ZoneShape> listZones() {
                return ZONES.listZones();
            }

            @Override
            public Optional<ZoneShape> findZone(ZoneId id) {
                return ZONES.findZone(id);
            }

            @Override
            public ZoneShape getZone(ZoneId id) {
                return ZONES.getZone(id);
            }

            @Override
            public List<ZoneShape> listContaining(GeoPoint p) {
                searches.incrementAndGet();
                return ZONES.listContaining(p);
            }

            @Override
            public List<ZoneShape> listNeighbours(ZoneId id) {
                return ZONES.listNeighbours(id);
            }
        };
        Rules.ZoneLocator locator = ZoneLocators.of(counting);
        GeoPoint p = GeoPoint.of(0.05, 0.05);
        locator.zonesAt(p);
        locator.zonesAt(p);
        locator.zonesAt(GeoPoint.of(0.15, 0.05));
        assertThat(searches).hasValue(2);
    }
}
