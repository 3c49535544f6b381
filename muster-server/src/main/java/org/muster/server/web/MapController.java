package org.muster.server.web;

import java.util.List;
import java.util.Optional;
import org.muster.geo.map.MapGeoJson;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.zone.ZoneShape;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.Role.Action;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard's map draws under the live layers: the tile server when one is configured, else the
 * road network of the loaded graph; and the zones' shapes. Both are fixed while the server runs, so they
 * are built once and may be cached by the browser.
 */
@RestController
@RequestMapping("/api/v1/map")
public class MapController {
    private static final MediaType GEO_JSON = new MediaType("application", "geo+json");
    private static final CacheControl FIXED =
            CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate();

    private final MusterNode node;
    private final CurrentUser user;
    private final MusterProperties settings;
    private volatile String roads;
    private volatile String zones;

    public MapController(MusterNode node, CurrentUser user, MusterProperties settings) {
        this.node = node;
        this.user = user;
        this.settings = settings;
    }

    /**
     * The map's base: a tile URL template ({@code {z}/{x}/{y}}) or none, and the area to show first.
     *
     * @param bounds the road network's extent, else the zones', else none
     */
    public record MapConfig(Optional<String> tiles, boolean roads, Optional<GeoBounds> bounds) {}

    @GetMapping("/config")
    public MapConfig config() {
        user.require(Action.READ);
        String tiles = settings.tiles().strip();
        return new MapConfig(
                tiles.isEmpty() ? Optional.empty() : Optional.of(tiles),
                node.roads().isPresent(),
                node.roads().map(n -> n.bounds()).or(this::zoneBounds));
    }

    /** The road network as GeoJSON lines with their class, simplified for display; empty without roads. */
    @GetMapping("/roads")
    public ResponseEntity<String> roads() {
        user.require(Action.READ);
        String body = roads;
        if (body == null) {
            body = node.roads().map(n -> MapGeoJson.roads(n.listRoadLines())).orElse(MapGeoJson.roads(List.of()));
            roads = body;
        }
        return ResponseEntity.ok().contentType(GEO_JSON).cacheControl(FIXED).body(body);
    }

    /** Every zone's shape as GeoJSON, with {@code zone_id}, {@code name}, {@code organisation}. */
    @GetMapping("/zones")
    public ResponseEntity<String> zones() {
        user.require(Action.READ);
        String body = zones;
        if (body == null) {
            body = MapGeoJson.zones(node.zones().listZones());
            zones = body;
        }
        return ResponseEntity.ok().contentType(GEO_JSON).cacheControl(FIXED).body(body);
    }

    private Optional<GeoBounds> zoneBounds() {
        List<ZoneShape> shapes = node.zones().listZones();
        if (shapes.isEmpty()) return Optional.empty();
        return shapes.stream().map(ZoneShape::bounds).reduce(GeoBounds::union);
    }
}
