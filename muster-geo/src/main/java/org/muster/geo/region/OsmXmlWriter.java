package org.muster.geo.region;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes the planned roads as OpenStreetMap XML (API 0.6): all nodes, then all ways, as importers expect.
 * Streams: street grids are written from their formulas, so memory does not grow with the region.
 */
final class OsmXmlWriter {
    /** Streets of a grid that are one-way, as a share of the streets that may be (interior, not main). */
    private static final double ONE_WAY_SHARE = 0.12;

    private static final int ONE_WAY_MIN_GRID = 7;
    private static final int FLUSH_CHARS = 1 << 16;
    private static final long PROGRESS_STEP = 10_000;

    private final RegionLayout layout;
    private final LocalProjection projection;
    private final Progress progress;
    private final StringBuilder sb = new StringBuilder(FLUSH_CHARS * 2);
    private Writer out;
    private long wayId;
    private long sinceProgress;

    private OsmXmlWriter(RegionLayout layout, Progress progress) {
        this.layout = layout;
        this.projection = layout.projection();
        this.progress = progress;
    }

    /** Writes the file; reports one progress step per node and per way. */
    static void write(RegionLayout layout, Path file, Progress progress) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20)) {
            OsmXmlWriter writer = new OsmXmlWriter(layout, progress);
            writer.out = w;
            writer.writeAll();
        }
    }

    private void writeAll() throws IOException {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<osm version=\"0.6\" generator=\"muster-region\">\n");
        sb.append(" <bounds minlat=\"");
        Decimal7.append(sb, projection.lat(layout.minY()));
        sb.append("\" minlon=\"");
        Decimal7.append(sb, projection.lon(layout.minX()));
        sb.append("\" maxlat=\"");
        Decimal7.append(sb, projection.lat(layout.maxY()));
        sb.append("\" maxlon=\"");
        Decimal7.append(sb, projection.lon(layout.maxX()));
        sb.append("\"/>\n");
        for (Town t : layout.towns()) {
            for (int j = 0; j < t.ny; j++) {
                for (int i = 0; i < t.nx; i++) node(t.nodeId(i, j), t.x(i, j), t.y(i, j), Optional.empty());
            }
        }
        RoadNodes roadNodes = layout.roadNodes();
        for (int k = 0; k < roadNodes.size(); k++) {
            long id = roadNodes.firstId() + k;
            node(id, roadNodes.x(k), roadNodes.y(k), roadNodes.junctionRef(id));
        }
        for (Town t : layout.towns()) gridWays(t);
        for (WayPlan w : layout.roads()) way(w.refs(), w.tags());
        sb.append("</osm>\n");
        out.append(sb);
        sb.setLength(0);
        progress.step(sinceProgress);
    }

    private void node(long id, double x, double y, Optional<String> junctionRef) throws IOException {
        sb.append(" <node id=\"").append(id).append("\" lat=\"");
        Decimal7.append(sb, projection.lat(y));
        sb.append("\" lon=\"");
        Decimal7.append(sb, projection.lon(x));
        if (junctionRef.isEmpty()) {
            sb.append("\"/>\n");
        } else {
            sb.append("\">\n");
            tag("highway", "motorway_junction");
            tag("ref", junctionRef.get());
            sb.append(" </node>\n");
        }
        advance();
    }

    private void gridWays(Town t) throws IOException {
        boolean city = t.kind == SettlementKind.CITY;
        for (int j = 0; j < t.ny; j++) {
            long[] refs = new long[t.nx];
            for (int i = 0; i < t.nx; i++) refs[i] = t.nodeId(i, j);
            street(t, refs, j, t.ny, j == t.middleRow(), true, city);
        }
        for (int i = 0; i < t.nx; i++) {
            long[] refs = new long[t.ny];
            for (int j = 0; j < t.ny; j++) refs[j] = t.nodeId(i, j);
            street(t, refs, i, t.nx, i == t.middleColumn(), false, city);
        }
    }

    /**
     * One street of a grid. The outermost streets and the main streets stay two-way: with them two-way,
     * every junction can still be reached from every other whatever the one-way streets' directions.
     */
    private void street(Town t, long[] refs, int line, int lines, boolean main, boolean row, boolean city)
            throws IOException {
        long axis = row ? 0 : 1;
        if (main) {
            way(
                    refs,
                    List.of("highway", "tertiary", "name", row ? "High Street" : "Station Road", "maxspeed", "30 mph"));
            return;
        }
        String name = Names.street(t.hash(line, axis, 7), row);
        boolean interior = line > 0 && line < lines - 1;
        boolean oneWay = interior
                && t.nx >= ONE_WAY_MIN_GRID
                && t.ny >= ONE_WAY_MIN_GRID
                && t.hash(line, axis, 11) < ONE_WAY_SHARE;
        String speed = city && interior ? "20 mph" : "30 mph";
        if (!oneWay) {
            way(refs, List.of("highway", "residential", "name", name, "maxspeed", speed));
            return;
        }
        if (t.hash(line, axis, 13) < 0.5) reverse(refs);
        way(refs, List.of("highway", "residential", "name", name, "oneway", "yes", "maxspeed", speed));
    }

    private void way(long[] refs, List<String> tags) throws IOException {
        sb.append(" <way id=\"").append(++wayId).append("\">\n");
        for (long ref : refs) sb.append("  <nd ref=\"").append(ref).append("\"/>\n");
        for (int i = 0; i < tags.size(); i += 2) tag(tags.get(i), tags.get(i + 1));
        sb.append(" </way>\n");
        advance();
    }

    private void tag(String key, String value) {
        sb.append("  <tag k=\"").append(key).append("\" v=\"");
        escape(value);
        sb.append("\"/>\n");
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }

    private void advance() throws IOException {
        if (sb.length() >= FLUSH_CHARS) {
            out.append(sb);
            sb.setLength(0);
        }
        if (++sinceProgress == PROGRESS_STEP) {
            progress.step(sinceProgress);
            sinceProgress = 0;
        }
    }

    private static void reverse(long[] refs) {
        for (int i = 0, k = refs.length - 1; i < k; i++, k--) {
            long tmp = refs[i];
            refs[i] = refs[k];
            refs[k] = tmp;
        }
    }
}
