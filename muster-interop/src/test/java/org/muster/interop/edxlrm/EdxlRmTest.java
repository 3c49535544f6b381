package org.muster.interop.edxlrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.Violation;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.Decline;
import org.muster.domain.aid.OfferId;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.aid.OfferStatus;
import org.muster.domain.aid.SupportUnit;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * A mutual aid request's life as EDXL-RM messages: each validates against the schema file (loaded here on its
 * own, not through the code under test), and reads back as what Muster modelled.
 */
class EdxlRmTest {
    static final Instant T0 = Instant.parse("2026-11-22T16:00:00Z");
    static final Organisation WSP = new Organisation(OrganisationId.of("WSP"), "Westshire Police", Agency.POLICE);
    static final Organisation ESP = new Organisation(OrganisationId.of("ESP"), "Eastshire Police", Agency.POLICE);
    static final Organisation NSP = new Organisation(OrganisationId.of("NSP"), "Northshire Police", Agency.POLICE);
    static final Map<OrganisationId, Organisation> ORGS = Map.of(WSP.id(), WSP, ESP.id(), ESP, NSP.id(), NSP);
    static final GeoPoint RV = GeoPoint.of(52.61, -1.13);

    static Unit unit(String id, Organisation org, UnitType type) {
        return new Unit(
                UnitId.of(id),
                new Callsign(id.replace('-', '.')),
                org.id(),
                type,
                Optional.empty(),
                2,
                UnitStatus.AVAILABLE,
                Optional.empty(),
                Optional.empty(),
                Sorted.empty(),
                T0,
                Optional.empty(),
                Optional.empty());
    }

    static final Unit ARV1 = unit("ESP-ARV-1", ESP, UnitType.ARMED_RESPONSE_VEHICLE);
    static final Unit ARV2 = unit("ESP-ARV-2", ESP, UnitType.ARMED_RESPONSE_VEHICLE);
    static final Map<UnitId, Unit> UNITS = Map.of(ARV1.id(), ARV1, ARV2.id(), ARV2);

    /** Asked of ESP and NSP; NSP declines, ESP offers two ARVs of which WSP takes one, deploys and releases it. */
    static AidRequest lived(AidNeed need) {
        AidOffer offer = new AidOffer(
                OfferId.of("O1"),
                ESP.id(),
                Sorted.setOf(Set.of(ARV1.id(), ARV2.id())),
                OfferKind.FULL,
                OfferStatus.ACCEPTED,
                Sorted.setOf(Set.of(ARV1.id())),
                "two ARVs, crews of two",
                T0.plusSeconds(300),
                List.of());
        AidDeployment deployed = new AidDeployment(
                ARV1.id(),
                ESP.id(),
                WSP.id(),
                T0.plusSeconds(600),
                Optional.of(T0.plusSeconds(1800)),
                Optional.of(T0.plusSeconds(7200)),
                2);
        return new AidRequest(
                AidRequestId.of("R1"),
                WSP.id(),
                need,
                RV,
                T0.plusSeconds(3600),
                Duration.ofHours(8),
                "armed stand-off <at> the docks & \"quay\"",
                AidPriority.IMMEDIATE,
                Addressees.organisations(Sorted.setOf(Set.of(ESP.id(), NSP.id()))),
                AidRequestStatus.RELEASED,
                List.of(offer),
                List.of(new Decline(NSP.id(), "our own ARVs are below minimum", T0.plusSeconds(120))),
                List.of(deployed),
                T0,
                T0.plusSeconds(7200));
    }

    static final AidNeed ARVS = AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, 2, Set.of(Capability.ARMED));

    @Test
    void a_requests_life_is_five_valid_messages_in_order_naming_the_request_as_their_origin() throws Exception {
        List<EdxlRm.Message> messages = EdxlRm.messages(lived(ARVS), ORGS, UNITS);

        assertThat(messages)
                .extracting(EdxlRm.Message::kind)
                .containsExactly(
                        EdxlRm.Kind.RequestResource,
                        EdxlRm.Kind.ResponseToRequestResource,
                        EdxlRm.Kind.ResponseToRequestResource,
                        EdxlRm.Kind.CommitResource,
                        EdxlRm.Kind.ReleaseResource);
        Schema schema = independentlyLoadedSchema();
        for (EdxlRm.Message m : messages) {
            schema.newValidator().validate(new StreamSource(new StringReader(m.xml())));
            assertThat(m.xml()).startsWith("<?xml").contains("<" + m.kind() + " xmlns=\"" + EdxlRm.MSG + "\"");
            if (m.kind() != EdxlRm.Kind.RequestResource)
                assertThat(m.xml()).contains("<OriginatingMessageID>urn:muster:WSP:aid:R1:request<");
        }
        assertThat(messages.get(1).xml()).contains("<ResponseType>Decline</ResponseType>", "below minimum");
        assertThat(messages.get(2).xml()).contains("<ResponseType>Accept</ResponseType>", "ESP.ARV.2");
    }

    @Test
    void each_message_reads_back_as_what_muster_modelled() {
        AidRequest r = lived(ARVS);
        List<EdxlRm.Message> messages = EdxlRm.messages(r, ORGS, UNITS);

        var asked = (RmMessage.Requested) EdxlRmReader.read(messages.get(0).xml());
        assertThat(asked.requester().organisation()).contains("WSP");
        assertThat(asked.requester().name()).isEqualTo("Westshire Police");
        assertThat(asked.responders())
                .extracting(p -> p.organisation().orElseThrow())
                .containsExactly("ESP", "NSP");
        assertThat(asked.need()).isEqualTo(ARVS);
        assertThat(asked.priority()).isEqualTo(AidPriority.IMMEDIATE);
        assertThat(asked.rendezvous()).isEqualTo(RV);
        assertThat(asked.reportBy()).isEqualTo(r.reportBy());
        assertThat(asked.duration()).isEqualTo(r.duration());
        assertThat(asked.reason()).isEqualTo(r.reason());

        var declined = (RmMessage.Responded) EdxlRmReader.read(messages.get(1).xml());
        assertThat(declined.answer()).isEqualTo(RmMessage.Answer.DECLINE);
        assertThat(declined.responder().organisation()).contains("NSP");
        assertThat(declined.reason()).isEqualTo("our own ARVs are below minimum");
        assertThat(declined.originatingMessageId()).isEqualTo(asked.messageId());

        var offered = (RmMessage.Responded) EdxlRmReader.read(messages.get(2).xml());
        assertThat(offered.answer()).isEqualTo(RmMessage.Answer.ACCEPT);
        assertThat(offered.responder().organisation()).contains("ESP");
        assertThat(offered.units()).containsExactly(ARV1.id(), ARV2.id());
        assertThat(offered.reason()).isEqualTo("two ARVs, crews of two");

        var committed = (RmMessage.Committed) EdxlRmReader.read(messages.get(3).xml());
        assertThat(committed.units()).containsExactly(ARV1.id());
        assertThat(committed.precedingMessageId()).isEqualTo(offered.messageId());
        assertThat(committed.sent()).isEqualTo(T0.plusSeconds(600));

        var released = (RmMessage.Released) EdxlRmReader.read(messages.get(4).xml());
        assertThat(released.units()).containsExactly(ARV1.id());
        assertThat(released.requester().organisation()).contains("WSP");
        assertThat(released.sent()).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void people_with_a_skill_and_police_support_units_read_back_whole() {
        AidNeed afos = AidNeed.people(Skill.values()[0], 4, Set.of(Capability.ARMED));
        AidNeed psus = AidNeed.supportUnits(2, new SupportUnit(1, 2, 12, 2));
        for (AidNeed need : List.of(afos, psus)) {
            String xml = EdxlRm.messages(lived(need), ORGS, UNITS).getFirst().xml();
            assertThat(EdxlRmSchema.check(xml)).isEmpty();
            assertThat(((RmMessage.Requested) EdxlRmReader.read(xml)).need()).isEqualTo(need);
        }
    }

    @Test
    void a_message_failing_the_schema_is_refused_with_every_violation() {
        String xml = EdxlRm.messages(lived(ARVS), ORGS, UNITS)
                .getFirst()
                .xml()
                .replace("<SentDateTime>2026-11-22T16:00:00Z", "<SentDateTime>yesterday")
                .replace("<ResourceInfoElementID>1</ResourceInfoElementID>", "")
                .replace("<ScheduleType>RequestedArrival", "<ScheduleType>Whenever");

        assertThatThrownBy(() -> EdxlRmReader.read(xml)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.violations()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(e.violations()).extracting(Violation::field).allMatch(f -> f.startsWith("line "));
            assertThat(e.getMessage()).contains("yesterday", "Whenever", "ResourceInfoElementID");
        });
    }

    @Test
    void a_valid_message_muster_cannot_take_names_each_element_and_value() {
        String xml = EdxlRm.messages(lived(ARVS), ORGS, UNITS)
                .getFirst()
                .xml()
                .replace("<Value>ARMED_RESPONSE_VEHICLE</Value>", "<Value>HOVERCRAFT</Value>")
                .replace("<Value>ARMED</Value>", "<Value>INVISIBLE</Value>")
                .replace(RV.lat() + " " + RV.lon(), "north of the river");

        assertThatThrownBy(() -> EdxlRmReader.read(xml))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::value)
                                .contains(
                                        org.assertj.core.groups.Tuple.tuple(
                                                "Resource/TypeStructure/Value", "HOVERCRAFT"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "Resource/Keyword[urn:muster:capability]", "INVISIBLE"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "ScheduleInformation/Location/TargetArea/gml:Point/gml:pos",
                                                "north of the river")));
    }

    @Test
    void a_document_type_declaration_is_refused_before_anything_is_read() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<RequestResource xmlns=\"" + EdxlRm.MSG + "\"><MessageID>&e;</MessageID></RequestResource>";

        assertThatThrownBy(() -> EdxlRmReader.read(xml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("without a type declaration");
    }

    private static Schema independentlyLoadedSchema() throws Exception {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(EdxlRmTest.class.getResource("/org/muster/interop/edxlrm/edxl-rm-msg.xsd"));
    }
}
