package org.muster.interop.cap;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.publicalert.PublicAlert;

/**
 * The current public alerts as an Atom feed (RFC 4287), newest first, each entry linking to its CAP message
 * ({@code application/cap+xml}), as CAP aggregators poll them.
 */
public final class AtomFeed {
    public static final String NAMESPACE = "http://www.w3.org/2005/Atom";

    private AtomFeed() {}

    /**
     * @param alerts the alerts to list (the current ones)
     * @param capPath where an alert's CAP message is, with {@code {id}} for its id
     */
    public static String write(
            List<PublicAlert> alerts,
            Map<OrganisationId, Organisation> organisations,
            String selfPath,
            String capPath,
            Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(NAMESPACE);
            x.writeStartElement(NAMESPACE, "feed");
            x.writeDefaultNamespace(NAMESPACE);
            text(x, "id", "urn:muster:cap:feed");
            text(x, "title", "Public alerts");
            text(
                    x,
                    "updated",
                    alerts.stream()
                            .map(PublicAlert::sent)
                            .max(Comparator.naturalOrder())
                            .orElse(now)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
            link(x, "self", "application/atom+xml", selfPath);
            List<PublicAlert> newestFirst = alerts.stream()
                    .sorted(Comparator.comparing(PublicAlert::sent).reversed().thenComparing(PublicAlert::id))
                    .toList();
            for (PublicAlert a : newestFirst) {
                Organisation o = organisations.get(a.organisation());
                x.writeStartElement(NAMESPACE, "entry");
                text(x, "id", Cap.identifier(a, a.version()));
                text(x, "title", a.content().headline());
                text(x, "updated", a.sent().truncatedTo(ChronoUnit.SECONDS).toString());
                text(
                        x,
                        "published",
                        a.issued().getFirst().truncatedTo(ChronoUnit.SECONDS).toString());
                x.writeStartElement(NAMESPACE, "author");
                text(x, "name", o == null ? a.organisation().value() : o.name());
                x.writeEndElement();
                text(
                        x,
                        "summary",
                        Cap.event(a.content().advice()) + ": "
                                + a.content().area().description());
                link(x, "alternate", "application/cap+xml", capPath.replace("{id}", a.id().value()));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the public alerts' feed", e);
        }
        return out.toString();
    }

    private static void link(XMLStreamWriter x, String rel, String type, String href) throws XMLStreamException {
        x.writeEmptyElement(NAMESPACE, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", href);
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, name);
        x.writeCharacters(Cap.xmlText(value));
        x.writeEndElement();
    }
}
