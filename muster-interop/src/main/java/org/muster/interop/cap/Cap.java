package org.muster.interop.cap;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.publicalert.Advice;
import org.muster.domain.publicalert.AlertArea;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertContent;
import org.muster.domain.publicalert.PublicAlertStatus;

/**
 * A public alert as an OASIS CAP 1.2 message ({@code urn:oasis:names:tc:emergency:cap:1.2}): its latest
 * version, an Alert when first issued, an Update after, a Cancel once withdrawn, each naming the messages
 * before it in {@code references}. The area is the alert's description, its drawn polygon and its zones as
 * geocodes ({@value #ZONE_GEOCODE}).
 */
public final class Cap {
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** The geocode under which an area's zones are named, by Muster's zone ids. */
    public static final String ZONE_GEOCODE = "muster:zone";
    /** CAP's dateTime: seconds, and an explicit offset ("Z" is not allowed). */
    private static final DateTimeFormatter CAP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private Cap() {}

    /** The sender of every message an organisation sends. */
    public static String sender(Organisation o) {
        return "urn:muster:" + o.id().value();
    }

    /** The identifier of one version (1 for the issue) of an alert. */
    public static String identifier(PublicAlert a, int version) {
        return "urn:muster:" + a.organisation().value() + ":alert:" + a.id().value() + ":" + version;
    }

    static String time(Instant at) {
        return CAP_TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The alert's latest version as CAP XML.
     *
     * @param organisation the alert's organisation
     * @param zones the zones its area names, for their names (a zone missing is named by its id)
     */
    public static String write(PublicAlert a, Organisation organisation, Map<ZoneId, Zone> zones) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(NAMESPACE);
            x.writeStartElement(NAMESPACE, "alert");
            x.writeDefaultNamespace(NAMESPACE);
            text(x, "identifier", identifier(a, a.version()));
            text(x, "sender", sender(organisation));
            text(x, "sent", time(a.sent()));
            text(x, "status", "Actual");
            text(
                    x,
                    "msgType",
                    a.status() == PublicAlertStatus.CANCELLED ? "Cancel" : a.version() == 1 ? "Alert" : "Update");
            text(x, "scope", "Public");
            if (a.status() == PublicAlertStatus.CANCELLED) text(x, "note", "Cancelled by " + organisation.name());
            if (a.version() > 1) {
                StringJoiner refs = new StringJoiner(" ");
                for (int v = 1; v < a.version(); v++)
                    refs.add(sender(organisation) + "," + identifier(a, v) + ","
                            + time(a.issued().get(v - 1)));
                text(x, "references", refs.toString());
            }
            info(x, a.content(), organisation, zones);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing CAP for public alert " + a.id(), e);
        }
        return out.toString();
    }

    private static void info(XMLStreamWriter x, PublicAlertContent c, Organisation o, Map<ZoneId, Zone> zones)
            throws XMLStreamException {
        x.writeStartElement(NAMESPACE, "info");
        text(x, "language", "en-GB");
        text(x, "category", category(o.agency()));
        text(x, "event", event(c.advice()));
        text(x, "responseType", responseType(c.advice()));
        text(
                x,
                "urgency",
                c.advice() == Advice.ALL_CLEAR ? "Past" : c.advice() == Advice.MONITOR ? "Expected" : "Immediate");
        text(x, "severity", capitalised(c.severity().name()));
        text(x, "certainty", "Observed");
        if (c.expires().isPresent()) text(x, "expires", time(c.expires().get()));
        text(x, "senderName", o.name());
        text(x, "headline", c.headline());
        if (!c.description().isEmpty()) text(x, "description", c.description());
        text(x, "instruction", instruction(c.advice()));
        area(x, c.area(), zones);
        x.writeEndElement();
    }

    private static void area(XMLStreamWriter x, AlertArea area, Map<ZoneId, Zone> zones) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, "area");
        StringJoiner names = new StringJoiner(
                ", ",
                area.description() + (area.zones().isEmpty() ? "" : " ("),
                area.zones().isEmpty() ? "" : ")");
        for (ZoneId z : area.zones())
            names.add(zones.containsKey(z) ? zones.get(z).name() : z.value());
        text(x, "areaDesc", names.toString());
        if (!area.polygon().isEmpty()) {
            StringJoiner ring = new StringJoiner(" ");
            for (GeoPoint p : area.polygon()) ring.add(p.lat() + "," + p.lon());
            text(x, "polygon", ring.toString());
        }
        for (ZoneId z : area.zones()) {
            x.writeStartElement(NAMESPACE, "geocode");
            text(x, "valueName", ZONE_GEOCODE);
            text(x, "value", z.value());
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, name);
        x.writeCharacters(Cap.xmlText(value));
        x.writeEndElement();
    }

    /**
     * The text with the characters XML 1.0 cannot hold (control characters, lone surrogates) left out: a
     * headline pasted with one must not make the message unreadable.
     */
    static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String category(Agency a) {
        return switch (a) {
            case POLICE -> "Safety";
            case FIRE -> "Fire";
            case AMBULANCE -> "Health";
        };
    }

    /** CAP's {@code event}: what the alert is about, in a few words. */
    static String event(Advice advice) {
        return switch (advice) {
            case STAY_INDOORS -> "Stay indoors";
            case AVOID_THE_AREA -> "Avoid the area";
            case EVACUATE -> "Leave the area";
            case MONITOR -> "Stay alert";
            case ALL_CLEAR -> "All clear";
        };
    }

    private static String responseType(Advice advice) {
        return switch (advice) {
            case STAY_INDOORS -> "Shelter";
            case AVOID_THE_AREA -> "Avoid";
            case EVACUATE -> "Evacuate";
            case MONITOR -> "Monitor";
            case ALL_CLEAR -> "AllClear";
        };
    }

    private static String instruction(Advice advice) {
        return switch (advice) {
            case STAY_INDOORS ->
                "Go indoors and stay there. Close doors and windows. Follow updates from the" + " emergency services.";
            case AVOID_THE_AREA -> "Keep away from the area and let the emergency services through.";
            case EVACUATE -> "Leave the area now, calmly, as the emergency services direct.";
            case MONITOR -> "No action needed now. Follow updates from the emergency services.";
            case ALL_CLEAR -> "The danger is over. You can go about as normal.";
        };
    }

    private static String capitalised(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
