package org.muster.interop.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.publicalert.Advice;
import org.muster.domain.publicalert.AlertArea;
import org.muster.domain.publicalert.AlertSeverity;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertContent;
import org.muster.domain.publicalert.PublicAlertId;
import org.muster.interop.testing.SharedSchemas;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Every CAP message Muster writes validates against OASIS's CAP-v1.2.xsd: alerts, updates, cancellations. */
class CapTest {
    static final Instant T0 = Instant.parse("2026-11-22T16:52:07.123Z");
    static final Organisation WSP = new Organisation(OrganisationId.of("WSP"), "Westshire Police", Agency.POLICE);
    static final Organisation MFRS = new Organisation(OrganisationId.of("MFRS"), "Midshire Fire & Rescue", Agency.FIRE);
    static final ZoneId CENTRAL = ZoneId.of("WSP-CENTRAL");
    static final Map<ZoneId, Zone> ZONES =
            Map.of(CENTRAL, Zone.of(CENTRAL, WSP.id(), "Central <ring road>", Optional.empty()));
    static Schema cap;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        cap = f.newSchema(SharedSchemas.cap().toFile());
    }

    static void assertValid(String xml) {
        try {
            cap.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not valid CAP 1.2: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static Document parse(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static String first(Document d, String name) {
        var nodes = d.getElementsByTagNameNS(Cap.NAMESPACE, name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    static PublicAlertContent content(Advice advice, AlertArea area, Optional<Instant> expires, String description) {
        return new PublicAlertContent(
                "Police incident: " + advice.name().toLowerCase(java.util.Locale.ROOT),
                description,
                advice,
                AlertSeverity.SEVERE,
                area,
                expires);
    }

    static final AlertArea ZONE = new AlertArea("Westshire town centre", Sorted.setOf(Set.of(CENTRAL)), List.of());
    static final AlertArea DRAWN = new AlertArea(
            "Around the chemical works & the canal",
            Sorted.empty(),
            List.of(
                    GeoPoint.of(52.48, -1.92),
                    GeoPoint.of(52.49, -1.92),
                    GeoPoint.of(52.49, -1.91),
                    GeoPoint.of(52.48, -1.92)));

    @Test
    void anAlertItsUpdateAndItsCancellationAreValidCapNamingTheMessagesBefore() throws Exception {
        PublicAlert issued = PublicAlert.issue(
                PublicAlertId.of("PA-1"),
                WSP.id(),
                content(
                        Advice.STAY_INDOORS,
                        ZONE,
                        Optional.of(T0.plusSeconds(7200)),
                        "Armed officers at \"The Vine\" <pub>"),
                T0);
        String alert = Cap.write(issued, WSP, ZONES);
        assertValid(alert);
        Document a = parse(alert);
        assertThat(first(a, "msgType")).isEqualTo("Alert");
        assertThat(first(a, "identifier")).isEqualTo("urn:muster:WSP:alert:PA-1:1");
        assertThat(first(a, "sent")).isEqualTo("2026-11-22T16:52:07+00:00");
        assertThat(first(a, "responseType")).isEqualTo("Shelter");
        assertThat(first(a, "areaDesc")).isEqualTo("Westshire town centre (Central <ring road>)");
        assertThat(first(a, "value")).isEqualTo("WSP-CENTRAL");
        assertThat(first(a, "description")).isEqualTo("Armed officers at \"The Vine\" <pub>");
        assertThat(first(a, "references")).isEmpty();

        PublicAlert updated =
                issued.updated(content(Advice.AVOID_THE_AREA, DRAWN, Optional.empty(), ""), T0.plusSeconds(600));
        String update = Cap.write(updated, WSP, ZONES);
        assertValid(update);
        Document u = parse(update);
        assertThat(first(u, "msgType")).isEqualTo("Update");
        assertThat(first(u, "identifier")).isEqualTo("urn:muster:WSP:alert:PA-1:2");
        assertThat(first(u, "references"))
                .isEqualTo("urn:muster:WSP,urn:muster:WSP:alert:PA-1:1,2026-11-22T16:52:07+00:00");
        assertThat(first(u, "polygon")).isEqualTo("52.48,-1.92 52.49,-1.92 52.49,-1.91 52.48,-1.92");
        assertThat(first(u, "expires")).isEmpty();

        String cancel = Cap.write(updated.cancelled(T0.plusSeconds(900)), WSP, ZONES);
        assertValid(cancel);
        Document c = parse(cancel);
        assertThat(first(c, "msgType")).isEqualTo("Cancel");
        assertThat(first(c, "references"))
                .isEqualTo("urn:muster:WSP,urn:muster:WSP:alert:PA-1:1,2026-11-22T16:52:07+00:00"
                        + " urn:muster:WSP,urn:muster:WSP:alert:PA-1:2,2026-11-22T17:02:07+00:00");
    }

    @Test
    void textXmlCannotHoldIsLeftOutRatherThanBreakingTheMessage() throws Exception {
        PublicAlert a = PublicAlert.issue(
                PublicAlertId.of("PA-9"),
                WSP.id(),
                content(Advice.MONITOR, ZONE, Optional.empty(), "bell\u0007 and escape\u001b, emoji \uD83D\uDEA8 kept"),
                T0);
        String xml = Cap.write(a, WSP, ZONES);
        assertValid(xml);
        assertThat(first(parse(xml), "description")).isEqualTo("bell and escape, emoji \uD83D\uDEA8 kept");
    }

    @Test
    void everyAdviceAndAgencyWritesValidCap() {
        for (Advice advice : Advice.values()) {
            for (Organisation o : List.of(WSP, MFRS)) {
                PublicAlert a = PublicAlert.issue(
                        PublicAlertId.of("PA-" + advice), o.id(), content(advice, DRAWN, Optional.empty(), ""), T0);
                assertValid(Cap.write(a, o, Map.of()));
            }
        }
    }

    @Test
    void theFeedListsTheAlertsNewestFirstLinkingToTheirCap() throws Exception {
        PublicAlert older = PublicAlert.issue(
                PublicAlertId.of("PA-1"), WSP.id(), content(Advice.STAY_INDOORS, ZONE, Optional.empty(), ""), T0);
        PublicAlert newer = PublicAlert.issue(
                PublicAlertId.of("PA-2"),
                MFRS.id(),
                content(Advice.EVACUATE, DRAWN, Optional.empty(), ""),
                T0.plusSeconds(60));
        String feed = AtomFeed.write(
                List.of(older, newer),
                Map.of(WSP.id(), WSP, MFRS.id(), MFRS),
                "/api/v1/cap/feed.atom",
                "/api/v1/cap/alerts/{id}",
                T0);
        Document d = parse(feed);
        var entries = d.getElementsByTagNameNS(AtomFeed.NAMESPACE, "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        var firstEntry = (org.w3c.dom.Element) entries.item(0);
        assertThat(firstEntry
                        .getElementsByTagNameNS(AtomFeed.NAMESPACE, "title")
                        .item(0)
                        .getTextContent())
                .isEqualTo("Police incident: evacuate");
        assertThat(((org.w3c.dom.Element) firstEntry
                                .getElementsByTagNameNS(AtomFeed.NAMESPACE, "link")
                                .item(0))
                        .getAttribute("href"))
                .isEqualTo("/api/v1/cap/alerts/PA-2");
        assertThat(firstEntry
                        .getElementsByTagNameNS(AtomFeed.NAMESPACE, "name")
                        .item(0)
                        .getTextContent())
                .isEqualTo("Midshire Fire & Rescue");
    }
}
