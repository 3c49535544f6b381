package org.muster.interop.edxlrm;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.Decline;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;

/**
 * A mutual aid request's story as OASIS EDXL-RM 1.0 messages: the request ({@code RequestResource}), each
 * answer ({@code ResponseToRequestResource}: an offer is an {@code Accept}, a provisional one {@code
 * Provisional}, a refusal {@code Decline}), each offer's units taken up ({@code CommitResource}) and the units
 * sent home ({@code ReleaseResource}), in the order they happened. Every message names the request's as its
 * {@code OriginatingMessageID}, so a receiver can put the conversation together again; what EDXL-RM has no
 * element for (the unit type, skill, capabilities, priority, a support unit's composition) is a {@code
 * Keyword} or {@code TypeStructure} from one of Muster's value lists ({@code urn:muster:...}).
 */
public final class EdxlRm {
    public static final String MSG = "urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg";
    public static final String XPIL = "urn:oasis:names:tc:ciq:xpil:3";
    public static final String XNL = "urn:oasis:names:tc:ciq:xnl:3";
    public static final String GML = "http://www.opengis.net/gml";

    public static final String UNIT_TYPES = "urn:muster:unit-type";
    public static final String SKILLS = "urn:muster:skill";
    public static final String CAPABILITIES = "urn:muster:capability";
    public static final String PRIORITIES = "urn:muster:aid-priority";
    public static final String SUPPORT_UNITS = "urn:muster:support-unit";
    public static final String REQUESTER = "Requester";
    public static final String RESPONDER = "RespondingOrg";

    /** The four kinds of message Muster writes and reads. */
    public enum Kind {
        RequestResource,
        ResponseToRequestResource,
        CommitResource,
        ReleaseResource
    }

    /** One message of a request's conversation. */
    public record Message(Kind kind, String messageId, Instant sent, String xml) {}

    private EdxlRm() {}

    /** A request's own message: it starts the conversation. */
    public static String requestMessageId(AidRequest r) {
        return base(r.requester(), r) + ":request";
    }

    /**
     * The request's messages, oldest first.
     *
     * @param organisations for the parties' names (one missing is named by its id)
     * @param units for the callsigns and types of the units offered (one missing is named by its id)
     */
    public static List<Message> messages(
            AidRequest r, Map<OrganisationId, Organisation> organisations, Map<UnitId, Unit> units) {
        Writer w = new Writer(r, organisations, units);
        List<Message> out = new ArrayList<>();
        out.add(w.request());
        for (AidOffer o : r.offers()) out.add(w.offer(o));
        for (int i = 0; i < r.declines().size(); i++)
            out.add(w.decline(r.declines().get(i), i + 1));
        for (AidOffer o : r.offers()) if (!o.accepted().isEmpty()) out.add(w.commit(o));
        // units sent home at one time go home in one message
        TreeMap<Instant, List<AidDeployment>> released = new TreeMap<>();
        for (AidDeployment d : r.deployments())
            d.end()
                    .ifPresent(end -> released.computeIfAbsent(end, k -> new ArrayList<>())
                            .add(d));
        int n = 1;
        for (var e : released.entrySet()) out.add(w.release(e.getKey(), e.getValue(), n++));
        out.sort(Comparator.comparing(Message::sent).thenComparing(m -> m.kind().ordinal()));
        return List.copyOf(out);
    }

    static String base(OrganisationId sender, AidRequest r) {
        return "urn:muster:" + sender.value() + ":aid:" + r.id().value();
    }

    /** Writes one request's messages; each starts a new document. */
    private static final class Writer {
        private final AidRequest r;
        private final Map<OrganisationId, Organisation> organisations;
        private final Map<UnitId, Unit> units;

        Writer(AidRequest r, Map<OrganisationId, Organisation> organisations, Map<UnitId, Unit> units) {
            this.r = r;
            this.organisations = organisations;
            this.units = units;
        }

        Message request() {
            String id = requestMessageId(r);
            return message(Kind.RequestResource, id, r.requestedAt(), x -> {
                header(x, id, r.requestedAt(), Kind.RequestResource, r.reason(), Optional.empty());
                contact(x, r.requester(), REQUESTER);
                for (OrganisationId o : r.addressees().organisations()) contact(x, o, RESPONDER);
                x.writeStartElement(MSG, "ResourceInformation");
                text(x, "ResourceInfoElementID", "1");
                need(x, r.need());
                x.writeStartElement(MSG, "AssignmentInformation");
                quantity(x, r.need().count());
                text(x, "AnticipatedFunction", r.reason());
                x.writeEndElement();
                schedule(x, "RequestedArrival", r.reportBy(), true);
                schedule(x, "RequestedReturnDeparture", r.reportBy().plus(r.duration()), false);
                x.writeEndElement();
            });
        }

        Message offer(AidOffer o) {
            String id = base(o.offerer(), r) + ":offer:" + o.id().value();
            String type = o.kind() == OfferKind.PROVISIONAL ? "Provisional" : "Accept";
            return message(Kind.ResponseToRequestResource, id, o.offeredAt(), x -> {
                header(
                        x,
                        id,
                        o.offeredAt(),
                        Kind.ResponseToRequestResource,
                        o.note(),
                        Optional.of(requestMessageId(r)));
                contact(x, o.offerer(), RESPONDER);
                contact(x, r.requester(), REQUESTER);
                int n = 1;
                for (UnitId u : o.units()) {
                    x.writeStartElement(MSG, "ResourceInformation");
                    text(x, "ResourceInfoElementID", String.valueOf(n++));
                    response(x, type, o.note());
                    unit(x, u);
                    x.writeEndElement();
                }
            });
        }

        Message decline(Decline d, int n) {
            String id = base(d.organisation(), r) + ":decline:" + n;
            return message(Kind.ResponseToRequestResource, id, d.at(), x -> {
                header(x, id, d.at(), Kind.ResponseToRequestResource, d.reason(), Optional.of(requestMessageId(r)));
                contact(x, d.organisation(), RESPONDER);
                contact(x, r.requester(), REQUESTER);
                x.writeStartElement(MSG, "ResourceInformation");
                text(x, "ResourceInfoElementID", "1");
                response(x, "Decline", d.reason());
                x.writeEndElement();
            });
        }

        /**
         * The units of an offer the requester took up, committed: sent when the first of them was deployed,
         * or when offered while none has been.
         */
        Message commit(AidOffer o) {
            String id = base(o.offerer(), r) + ":commit:" + o.id().value();
            Instant sent = r.deployments().stream()
                    .filter(d -> o.accepted().contains(d.unit()))
                    .map(AidDeployment::start)
                    .min(Comparator.naturalOrder())
                    .orElse(o.offeredAt());
            return message(Kind.CommitResource, id, sent, x -> {
                header(
                        x,
                        id,
                        sent,
                        Kind.CommitResource,
                        "committed to " + r.requester().value() + ": "
                                + o.accepted().size() + " of " + o.units().size() + " units offered",
                        Optional.of(requestMessageId(r)),
                        base(o.offerer(), r) + ":offer:" + o.id().value());
                contact(x, o.offerer(), RESPONDER);
                contact(x, r.requester(), REQUESTER);
                int n = 1;
                for (UnitId u : o.accepted()) {
                    x.writeStartElement(MSG, "ResourceInformation");
                    text(x, "ResourceInfoElementID", String.valueOf(n++));
                    unit(x, u);
                    Optional<AidDeployment> d = r.deployments().stream()
                            .filter(e -> e.unit().equals(u))
                            .findFirst();
                    if (d.isPresent()) {
                        schedule(x, "ActualDeparture", d.get().start(), false);
                        if (d.get().arrived().isPresent())
                            schedule(x, "ActualArrival", d.get().arrived().get(), true);
                    }
                    x.writeEndElement();
                }
            });
        }

        Message release(Instant at, List<AidDeployment> deployments, int n) {
            String id = base(r.requester(), r) + ":release:" + n;
            return message(Kind.ReleaseResource, id, at, x -> {
                SortedSet<String> homes = new TreeSet<>();
                deployments.forEach(d -> homes.add(d.home().value()));
                header(
                        x,
                        id,
                        at,
                        Kind.ReleaseResource,
                        deployments.size() + " units sent home to " + String.join(", ", homes),
                        Optional.of(requestMessageId(r)),
                        commitOf(deployments.getFirst().unit()));
                contact(x, r.requester(), REQUESTER);
                for (String h : homes) contact(x, OrganisationId.of(h), RESPONDER);
                int k = 1;
                for (AidDeployment d : deployments) {
                    x.writeStartElement(MSG, "ResourceInformation");
                    text(x, "ResourceInfoElementID", String.valueOf(k++));
                    unit(x, d.unit());
                    schedule(x, "ActualReturnDeparture", at, false);
                    x.writeEndElement();
                }
            });
        }

        /** The commitment that sent the unit, or the request itself if none did (a unit lent otherwise). */
        private String commitOf(UnitId unit) {
            return r.offers().stream()
                    .filter(o -> o.accepted().contains(unit))
                    .findFirst()
                    .map(o -> base(o.offerer(), r) + ":commit:" + o.id().value())
                    .orElse(requestMessageId(r));
        }

        private void header(
                XMLStreamWriter x, String id, Instant sent, Kind kind, String description, Optional<String> origin)
                throws XMLStreamException {
            header(x, id, sent, kind, description, origin, origin.orElse(""));
        }

        private void header(
                XMLStreamWriter x,
                String id,
                Instant sent,
                Kind kind,
                String description,
                Optional<String> origin,
                String preceding)
                throws XMLStreamException {
            text(x, "MessageID", id);
            text(x, "SentDateTime", time(sent));
            text(x, "MessageContentType", kind.name());
            if (!description.isBlank()) text(x, "MessageDescription", description);
            if (origin.isPresent()) {
                text(x, "OriginatingMessageID", origin.get());
                text(x, "PrecedingMessageID", preceding);
            }
        }

        /** A party: its name, its role, and its Muster identifier as the CIQ party's organisation. */
        private void contact(XMLStreamWriter x, OrganisationId o, String role) throws XMLStreamException {
            String name = Optional.ofNullable(organisations.get(o))
                    .map(Organisation::name)
                    .orElse(o.value());
            x.writeStartElement(MSG, "ContactInformation");
            text(x, "ContactDescription", name);
            text(x, "ContactRole", role);
            x.writeStartElement(MSG, "AdditionalContactInformation");
            x.writeStartElement("xpil", "PartyName", XPIL);
            x.writeNamespace("xpil", XPIL);
            x.writeStartElement("xnl", "OrganisationName", XNL);
            x.writeNamespace("xnl", XNL);
            x.writeAttribute("xnl", XNL, "Identifier", "urn:muster:" + o.value());
            x.writeStartElement("xnl", "NameElement", XNL);
            x.writeCharacters(xmlText(name));
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
        }

        private void need(XMLStreamWriter x, AidNeed need) throws XMLStreamException {
            x.writeStartElement(MSG, "Resource");
            text(
                    x,
                    "Name",
                    need.unitType()
                            .map(Enum::name)
                            .orElseGet(() -> need.skill().orElseThrow().name()));
            if (need.unitType().isPresent())
                valueList(
                        x,
                        "TypeStructure",
                        UNIT_TYPES,
                        List.of(need.unitType().get().name()));
            else
                valueList(
                        x,
                        "TypeStructure",
                        SKILLS,
                        List.of(need.skill().orElseThrow().name()));
            if (!need.capabilities().isEmpty())
                valueList(
                        x,
                        "Keyword",
                        CAPABILITIES,
                        need.capabilities().stream().map(Capability::name).toList());
            valueList(x, "Keyword", PRIORITIES, List.of(r.priority().name()));
            if (need.supportUnit().isPresent()) {
                var p = need.supportUnit().get();
                valueList(
                        x,
                        "Keyword",
                        SUPPORT_UNITS,
                        List.of(
                                "inspectors=" + p.inspectors(),
                                "sergeants=" + p.sergeants(),
                                "constables=" + p.constables(),
                                "carriers=" + p.carriers()));
            }
            text(x, "Description", need.toString());
            x.writeEndElement();
        }

        private void unit(XMLStreamWriter x, UnitId id) throws XMLStreamException {
            Optional<Unit> u = Optional.ofNullable(units.get(id));
            x.writeStartElement(MSG, "Resource");
            text(x, "ResourceID", id.value());
            text(x, "Name", u.map(v -> v.callsign().toString()).orElse(id.value()));
            if (u.isPresent())
                valueList(x, "TypeStructure", UNIT_TYPES, List.of(u.get().type().name()));
            x.writeEndElement();
        }

        private static void quantity(XMLStreamWriter x, int count) throws XMLStreamException {
            x.writeStartElement(MSG, "Quantity");
            x.writeStartElement(MSG, "MeasuredQuantity");
            text(x, "Amount", String.valueOf(count));
            x.writeEndElement();
            x.writeEndElement();
        }

        private static void response(XMLStreamWriter x, String type, String reason) throws XMLStreamException {
            x.writeStartElement(MSG, "ResponseInformation");
            text(x, "PrecedingResourceInfoElementID", "1");
            text(x, "ResponseType", type);
            if (!reason.isBlank()) text(x, "ResponseReason", reason);
            x.writeEndElement();
        }

        /** A time in the schedule; at the rendezvous point when {@code where}, as a GML point (lat lon). */
        private void schedule(XMLStreamWriter x, String type, Instant at, boolean where) throws XMLStreamException {
            x.writeStartElement(MSG, "ScheduleInformation");
            text(x, "ScheduleType", type);
            text(x, "DateTime", time(at));
            if (where) {
                x.writeStartElement(MSG, "Location");
                text(x, "LocationDescription", "rendezvous point");
                x.writeStartElement(MSG, "TargetArea");
                x.writeStartElement("gml", "Point", GML);
                x.writeNamespace("gml", GML);
                x.writeStartElement("gml", "pos", GML);
                x.writeCharacters(r.rendezvous().lat() + " " + r.rendezvous().lon());
                x.writeEndElement();
                x.writeEndElement();
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
        }

        private static void valueList(XMLStreamWriter x, String element, String urn, List<String> values)
                throws XMLStreamException {
            x.writeStartElement(MSG, element);
            text(x, "ValueListURN", urn);
            for (String v : values) text(x, "Value", v);
            x.writeEndElement();
        }

        private interface Body {
            void write(XMLStreamWriter x) throws XMLStreamException;
        }

        private static Message message(Kind kind, String id, Instant sent, Body body) {
            StringWriter out = new StringWriter();
            try {
                XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
                x.writeStartDocument("UTF-8", "1.0");
                x.setDefaultNamespace(MSG);
                x.writeStartElement(MSG, kind.name());
                x.writeDefaultNamespace(MSG);
                body.write(x);
                x.writeEndElement();
                x.writeEndDocument();
                x.close();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("writing EDXL-RM " + kind + " " + id, e);
            }
            return new Message(kind, id, sent, out.toString());
        }
    }

    static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(MSG, name);
        x.writeCharacters(xmlText(value));
        x.writeEndElement();
    }

    /** An xs:dateTime in UTC to the second: what a receiver compares, without the writer's fraction. */
    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The text without the characters XML 1.0 cannot hold: a reason pasted with one must stay readable. */
    static String xmlText(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == 0x9
                        || c == 0xA
                        || c == 0xD
                        || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD)
                        || (c >= 0x10000 && c <= 0x10FFFF))
                .forEach(b::appendCodePoint);
        return b.toString();
    }
}
