package org.muster.engine.aid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.Words;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.Alert;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;

/**
 * Requests that everyone asked has refused. A request declined by every organisation it named, with nothing
 * offered, would otherwise sit open until its report-by time and lapse with its requester none the wiser. The
 * moment the last of them declines ({@link AidRequest#isRefused}), an alert of kind {@code aid-refused}, key
 * {@code aid-refused:<request>}, goes to the requester (the coordinator sees every alert) naming who declined
 * and why, and what is left: the request stays open until its report-by time, referred to the national
 * coordinator, who may broker it for any organisation; the organisations of the agency not yet asked are
 * named. An offer resolves it; so does the request's end (expired, cancelled), saying how it ended.
 */
public final class AidRefusalWatch implements AlertSource {
    static final String KIND = "aid-refused";
    static final String KEY = KIND + ":";

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        List<Condition> out = new ArrayList<>();
        for (AidRequest r : state.listOpenAidRequests()) if (r.isRefused()) out.add(condition(r, state));
        return out;
    }

    private static Condition condition(AidRequest r, MusterState state) {
        SortedSet<OrganisationId> to = new TreeSet<>();
        to.add(r.requester());
        String decliners = String.join(
                " ", r.declines().stream().map(d -> d.organisation().value()).toList());
        List<OrganisationId> notAsked = notAsked(r, state);
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("request", r.id().value());
        evidence.put("requester", r.requester().value());
        evidence.put("declined_by", decliners);
        evidence.put("report_by", r.reportBy().toString());
        if (!notAsked.isEmpty())
            evidence.put(
                    "not_asked",
                    String.join(
                            " ", notAsked.stream().map(OrganisationId::value).toList()));
        String key = KEY + r.id().value();
        String head = "No organisation " + name(r.requester(), state) + " asked under " + r.id().value() + " for "
                + need(r.need()) + " will send them: ";
        String tail = ". Wanted by " + r.reportBy() + ": open until then, referred to the national coordinator to"
                + " broker for any organisation"
                + (notAsked.isEmpty()
                        ? " (every other organisation of its agency was asked)"
                        : "; not asked yet: " + shortList(notAsked) + ", ask them");
        String summary = head + r.answersInWords(Math.max(40, Check.MAX_TEXT - head.length() - tail.length())) + tail;
        // an alert's summary is a paragraph at most
        if (summary.length() > Check.MAX_TEXT) summary = summary.substring(0, Check.MAX_TEXT - 1) + "\u2026";
        return new Condition(
                AlertSource.idOf(key, decliners.replace(' ', '.')),
                KIND,
                key,
                // another organisation declining (one the coordinator brought in) replaces it
                decliners,
                to,
                summary,
                evidence,
                Optional.empty());
    }

    /** The organisations of the agency that fields what is asked for, other than the requester, not asked. */
    private static List<OrganisationId> notAsked(AidRequest r, MusterState state) {
        Agency agency = r.need()
                .unitType()
                .map(UnitType::agency)
                .orElseGet(() -> state.getOrganisation(r.requester()).agency());
        return state.organisations().values().stream()
                .filter(o -> o.agency() == agency)
                .map(Organisation::id)
                .filter(o -> !o.equals(r.requester()) && !r.parties().contains(o))
                .sorted()
                .toList();
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        AidRequestId id = AidRequestId.of(alert.key().substring(KEY.length()));
        Optional<AidRequest> found = state.findAidRequest(id);
        if (found.isEmpty()) return id.value() + " is no longer held";
        AidRequest r = found.get();
        List<String> offerers = r.offers().stream()
                .filter(o -> o.isPending() || o.status() == org.muster.domain.aid.OfferStatus.ACCEPTED)
                .map(AidOffer::offerer)
                .map(OrganisationId::value)
                .distinct()
                .toList();
        if (!offerers.isEmpty()) return String.join(", ", offerers) + " offered units under " + id.value();
        String head = id.value() + " is " + r.status() + ": ";
        return head + r.answersInWords(Check.MAX_TEXT - head.length());
    }

    /** Up to eight organisations by id, and how many more. */
    private static String shortList(List<OrganisationId> organisations) {
        List<String> ids = organisations.stream().map(OrganisationId::value).toList();
        if (ids.size() <= 8) return String.join(", ", ids);
        return String.join(", ", ids.subList(0, 8)) + " and " + (ids.size() - 8) + " more";
    }

    private static String need(AidNeed need) {
        if (need.supportUnit().isPresent())
            return need.count() + " police support unit" + (need.count() == 1 ? "" : "s");
        if (need.unitType().isPresent())
            return Words.count(need.count(), need.unitType().get());
        return need.count() + " " + (need.count() == 1 ? "person" : "people") + " with "
                + Words.of(need.skill().orElseThrow());
    }

    private static String name(OrganisationId org, MusterState state) {
        return state.findOrganisation(org)
                .map(o -> o.name() + " (" + org.value() + ")")
                .orElse(org.value());
    }
}
