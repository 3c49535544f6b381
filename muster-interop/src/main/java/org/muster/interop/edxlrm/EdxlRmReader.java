package org.muster.interop.edxlrm;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.MusterException;
import org.muster.domain.Violation;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.SupportUnit;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads an EDXL-RM message another service sent: first checked whole against Muster's schema (every
 * violation listed), then read for what Muster models. A document with a type declaration is refused (no
 * entities, no external files); one that validates but says something Muster cannot take (a unit type it does
 * not know, a request without its rendezvous point) is refused naming the element, the value and the rule.
 */
public final class EdxlRmReader {
    private static final String MSG = EdxlRm.MSG;

    private EdxlRmReader() {}

    /** @throws InvalidInputException listing every violation when the text is not a message Muster can take */
    public static RmMessage read(String xml) {
        Document doc = parse(xml);
        List<Violation> violations = new ArrayList<>(EdxlRmSchema.check(xml));
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        Element root = doc.getDocumentElement();
        String kind = text(root, "MessageContentType").orElse("");
        if (!kind.equals(root.getLocalName()))
            throw InvalidInputException.of(
                    "MessageContentType", kind, "must name the message's own element, " + root.getLocalName());
        Reading r = new Reading(root);
        RmMessage m = switch (EdxlRm.Kind.valueOf(root.getLocalName())) {
            case RequestResource -> r.requested();
            case ResponseToRequestResource -> r.responded();
            case CommitResource -> r.committed();
            case ReleaseResource -> r.released();
        };
        if (!r.violations.isEmpty()) throw new InvalidInputException(r.violations);
        return m;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw InvalidInputException.of(
                    "/", "", "must be a well-formed XML document without a type declaration: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser refuses to be made safe", e);
        }
    }

    /** One message being read; what it cannot take is gathered, not thrown one by one. */
    private static final class Reading {
        private final Element root;
        private final List<Violation> violations = new ArrayList<>();

        Reading(Element root) {
            this.root = root;
        }

        RmMessage.Requested requested() {
            Element info = children(root, "ResourceInformation").getFirst();
            Element resource = child(info, "Resource").orElseThrow();
            Element assignment = child(info, "AssignmentInformation").orElseThrow();
            int count = child(assignment, "Quantity")
                    .flatMap(q -> child(q, "MeasuredQuantity"))
                    .flatMap(q -> text(q, "Amount"))
                    .map(a -> whole("ResourceInformation/AssignmentInformation/Quantity", a))
                    .orElse(1);
            Optional<AidNeed> need = need(resource, count);
            AidPriority priority = keyword(resource, EdxlRm.PRIORITIES)
                    .map(p -> named(AidPriority.class, "Resource/Keyword[" + EdxlRm.PRIORITIES + "]", p))
                    .orElse(AidPriority.URGENT);
            Optional<Element> arrival = schedule(info, "RequestedArrival");
            Optional<Instant> reportBy =
                    arrival.flatMap(s -> text(s, "DateTime")).map(t -> time("DateTime", t));
            Optional<GeoPoint> rendezvous = arrival.flatMap(this::point);
            Optional<Instant> until = schedule(info, "RequestedReturnDeparture")
                    .flatMap(s -> text(s, "DateTime"))
                    .map(t -> time("DateTime", t));
            if (reportBy.isEmpty())
                violations.add(Violation.of(
                        "ScheduleInformation[RequestedArrival]/DateTime",
                        "",
                        "is required: when the units should be at the rendezvous point"));
            if (rendezvous.isEmpty())
                violations.add(Violation.of(
                        "ScheduleInformation[RequestedArrival]/Location/TargetArea",
                        "",
                        "is required: the rendezvous point, as a gml:Point with a gml:pos of latitude and longitude"));
            Duration duration = reportBy.isPresent() && until.isPresent()
                    ? Duration.between(reportBy.get(), until.get())
                    : Duration.ofHours(8);
            if (!duration.isPositive()) {
                violations.add(Violation.of(
                        "ScheduleInformation[RequestedReturnDeparture]/DateTime",
                        until.map(Instant::toString).orElse(""),
                        "must be after the RequestedArrival"));
                duration = Duration.ofHours(8);
            }
            String reason = child(assignment, "AnticipatedFunction")
                    .map(Node::getTextContent)
                    .or(() -> text(root, "MessageDescription"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .orElse("EDXL-RM request " + text(root, "MessageID").orElse(""));
            List<RmMessage.Party> parties = parties();
            RmMessage.Party requester = parties.stream()
                    .filter(p -> p.role().equals(EdxlRm.REQUESTER))
                    .findFirst()
                    .orElse(parties.getFirst());
            List<RmMessage.Party> responders = parties.stream()
                    .filter(p -> p.role().equals(EdxlRm.RESPONDER))
                    .toList();
            if (!violations.isEmpty()) return null;
            return new RmMessage.Requested(
                    messageId(),
                    sent(),
                    requester,
                    responders,
                    need.orElseThrow(),
                    priority,
                    rendezvous.orElseThrow(),
                    reportBy.orElseThrow(),
                    duration,
                    reason);
        }

        RmMessage.Responded responded() {
            List<Element> infos = children(root, "ResourceInformation");
            String type = child(infos.getFirst(), "ResponseInformation")
                    .flatMap(r -> text(r, "ResponseType"))
                    .orElse("");
            RmMessage.Answer answer = named(RmMessage.Answer.class, "ResponseInformation/ResponseType", type);
            String reason = child(infos.getFirst(), "ResponseInformation")
                    .flatMap(r -> text(r, "ResponseReason"))
                    .or(() -> text(root, "MessageDescription"))
                    .orElse("");
            SortedSet<UnitId> units = units(infos);
            if (answer != RmMessage.Answer.DECLINE && units.isEmpty())
                violations.add(Violation.of(
                        "ResourceInformation/Resource/ResourceID", "", "an offer must name the units offered"));
            if (answer == RmMessage.Answer.DECLINE && reason.isBlank())
                violations.add(Violation.of(
                        "ResourceInformation/ResponseInformation/ResponseReason", "", "a decline must say why"));
            return new RmMessage.Responded(
                    messageId(), sent(), origin(), party(EdxlRm.RESPONDER), answer, units, reason.strip());
        }

        RmMessage.Committed committed() {
            return new RmMessage.Committed(
                    messageId(),
                    sent(),
                    origin(),
                    text(root, "PrecedingMessageID").orElse(""),
                    party(EdxlRm.RESPONDER),
                    required(units(children(root, "ResourceInformation"))));
        }

        RmMessage.Released released() {
            return new RmMessage.Released(
                    messageId(),
                    sent(),
                    origin(),
                    party(EdxlRm.REQUESTER),
                    required(units(children(root, "ResourceInformation"))));
        }

        private SortedSet<UnitId> required(SortedSet<UnitId> units) {
            if (units.isEmpty())
                violations.add(Violation.of(
                        "ResourceInformation/Resource/ResourceID", "", "must name the units, by their ids"));
            return units;
        }

        private String messageId() {
            return text(root, "MessageID").orElseThrow().strip();
        }

        private Instant sent() {
            return time("SentDateTime", text(root, "SentDateTime").orElseThrow());
        }

        private String origin() {
            return text(root, "OriginatingMessageID").orElseThrow().strip();
        }

        private Optional<AidNeed> need(Element resource, int count) {
            Optional<Element> type = child(resource, "TypeStructure");
            String urn = type.flatMap(t -> text(t, "ValueListURN")).orElse("");
            String value = type.flatMap(t -> text(t, "Value")).orElse("");
            var capabilities = new TreeSet<Capability>();
            for (String c : keywords(resource, EdxlRm.CAPABILITIES)) {
                // one Muster does not know is a violation, listed; the rest are still read for theirs
                Capability known = named(Capability.class, "Resource/Keyword[" + EdxlRm.CAPABILITIES + "]", c);
                if (known != null) capabilities.add(known);
            }
            try {
                if (urn.equals(EdxlRm.UNIT_TYPES)) {
                    UnitType t = named(UnitType.class, "Resource/TypeStructure/Value", value);
                    List<String> psu = keywords(resource, EdxlRm.SUPPORT_UNITS);
                    if (!psu.isEmpty() && t != null) return Optional.of(AidNeed.supportUnits(count, supportUnit(psu)));
                    return t == null ? Optional.empty() : Optional.of(AidNeed.units(t, count, capabilities));
                }
                if (urn.equals(EdxlRm.SKILLS)) {
                    Skill s = named(Skill.class, "Resource/TypeStructure/Value", value);
                    return s == null ? Optional.empty() : Optional.of(AidNeed.people(s, count, capabilities));
                }
            } catch (InvalidInputException e) {
                violations.addAll(e.violations());
                return Optional.empty();
            }
            violations.add(Violation.of(
                    "Resource/TypeStructure/ValueListURN",
                    urn,
                    "must be " + EdxlRm.UNIT_TYPES + " or " + EdxlRm.SKILLS
                            + ": what is asked for, as Muster names it"));
            return Optional.empty();
        }

        private SupportUnit supportUnit(List<String> values) {
            int[] v = {1, 3, 18, 3};
            List<String> names = List.of("inspectors", "sergeants", "constables", "carriers");
            for (String pair : values) {
                String[] kv = pair.split("=", 2);
                int i = names.indexOf(kv[0].strip());
                if (i < 0 || kv.length < 2) {
                    violations.add(Violation.of(
                            "Resource/Keyword[" + EdxlRm.SUPPORT_UNITS + "]/Value",
                            pair,
                            "must be one of " + names + " = a whole number"));
                    continue;
                }
                v[i] = whole("Resource/Keyword[" + EdxlRm.SUPPORT_UNITS + "]/Value", kv[1]);
            }
            return new SupportUnit(v[0], v[1], v[2], v[3]);
        }

        private SortedSet<UnitId> units(List<Element> infos) {
            SortedSet<UnitId> units = new TreeSet<>();
            for (Element info : infos) {
                Optional<String> id = child(info, "Resource").flatMap(r -> text(r, "ResourceID"));
                if (id.isEmpty()) continue;
                try {
                    units.add(UnitId.of(id.get().strip()));
                } catch (MusterException e) {
                    violations.add(
                            Violation.of("ResourceInformation/Resource/ResourceID", id.get(), "must be a unit id"));
                }
            }
            return units;
        }

        private RmMessage.Party party(String role) {
            List<RmMessage.Party> parties = parties();
            return parties.stream()
                    .filter(p -> p.role().equals(role))
                    .findFirst()
                    .orElse(parties.getFirst());
        }

        private List<RmMessage.Party> parties() {
            List<RmMessage.Party> out = new ArrayList<>();
            for (Element c : children(root, "ContactInformation")) {
                Optional<String> org = Optional.empty();
                NodeList all = c.getElementsByTagNameNS("*", "*");
                for (int i = 0; i < all.getLength() && org.isEmpty(); i++) {
                    Element e = (Element) all.item(i);
                    String id = e.getAttributeNS(EdxlRm.XNL, "Identifier");
                    if (id.startsWith("urn:muster:") && id.length() > "urn:muster:".length())
                        org = Optional.of(id.substring("urn:muster:".length()));
                }
                out.add(new RmMessage.Party(
                        org,
                        text(c, "ContactDescription").orElse("").strip(),
                        text(c, "ContactRole").orElse("").strip()));
            }
            return out;
        }

        private Optional<Element> schedule(Element info, String type) {
            return children(info, "ScheduleInformation").stream()
                    .filter(s -> text(s, "ScheduleType").orElse("").equals(type))
                    .findFirst();
        }

        private Optional<GeoPoint> point(Element schedule) {
            NodeList pos = schedule.getElementsByTagNameNS(EdxlRm.GML, "pos");
            if (pos.getLength() == 0) return Optional.empty();
            String text = pos.item(0).getTextContent().strip();
            String[] ll = text.split("\\s+");
            try {
                if (ll.length == 2)
                    return Optional.of(new GeoPoint(Double.parseDouble(ll[0]), Double.parseDouble(ll[1])));
            } catch (NumberFormatException | MusterException e) {
                // reported below
            }
            violations.add(Violation.of(
                    "ScheduleInformation/Location/TargetArea/gml:Point/gml:pos",
                    text,
                    "must be a latitude and a longitude in degrees (WGS 84), separated by a space"));
            return Optional.empty();
        }

        private Optional<String> keyword(Element resource, String urn) {
            List<String> all = keywords(resource, urn);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
        }

        private static List<String> keywords(Element resource, String urn) {
            List<String> out = new ArrayList<>();
            for (Element k : children(resource, "Keyword")) {
                if (!text(k, "ValueListURN").orElse("").strip().equals(urn)) continue;
                for (Element v : children(k, "Value"))
                    out.add(v.getTextContent().strip());
            }
            return out;
        }

        private <E extends Enum<E>> E named(Class<E> type, String field, String value) {
            for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(value.strip())) return e;
            violations.add(
                    Violation.of(field, value, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }

        private int whole(String field, String value) {
            try {
                int n = new java.math.BigDecimal(value.strip()).intValueExact();
                if (n >= 1) return n;
            } catch (ArithmeticException | NumberFormatException e) {
                // reported below
            }
            violations.add(Violation.of(field, value, "must be a whole number, at least 1"));
            return 1;
        }

        private Instant time(String field, String value) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                violations.add(Violation.of(field, value, "must be a date and time with its offset"));
                return Instant.EPOCH;
            }
        }
    }

    static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(Node::getTextContent);
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && MSG.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }
}
