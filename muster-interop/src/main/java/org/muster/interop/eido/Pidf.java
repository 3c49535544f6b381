package org.muster.interop.eido;

import java.util.Optional;
import java.util.regex.Pattern;
import org.muster.domain.GeoPoint;

/**
 * A point as the PIDF-LO (RFC 4119, RFC 5491) an EIDO location carries by value: a GML point in WGS 84,
 * latitude first.
 */
final class Pidf {
    private static final Pattern POS =
            Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?pos(?:\\s[^>]*)?>\\s*([-+]?[0-9.]+(?:[eE][-+]?\\d+)?)\\s+"
                    + "([-+]?[0-9.]+(?:[eE][-+]?\\d+)?)(?:\\s+[-+0-9.eE]+)?\\s*</(?:[A-Za-z_][\\w.-]*:)?pos>");

    private Pidf() {}

    static String point(GeoPoint p) {
        return "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:gp=\"urn:ietf:params:xml:ns:pidf:geopriv10\""
                + " xmlns:gml=\"http://www.opengis.net/gml\" entity=\"pres:incident@muster.invalid\">"
                + "<tuple id=\"location\"><status><gp:geopriv><gp:location-info>"
                + "<gml:Point srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:pos>" + p.lat() + " " + p.lon()
                + "</gml:pos></gml:Point></gp:location-info></gp:geopriv></status></tuple></presence>";
    }

    /** The first GML position in the text, when it holds one within the range of the Earth. */
    static Optional<GeoPoint> findPoint(String pidf) {
        var m = POS.matcher(pidf);
        if (!m.find()) return Optional.empty();
        try {
            double lat = Double.parseDouble(m.group(1));
            double lon = Double.parseDouble(m.group(2));
            if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return Optional.empty();
            return Optional.of(GeoPoint.of(lat, lon));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
