package org.muster.server.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.organisation.OrganisationId;
import org.muster.server.MusterProperties;
import org.muster.store.DomainJson;
import org.springframework.stereotype.Component;

/**
 * The other Muster services this one speaks to ({@code muster.peers}), over their HTTP API with the token each
 * issued to this one: an incident handed over as an EIDO to the peer's import ({@code POST /api/v1/eido}), and a
 * status of an incident received from a peer reported back to it ({@code POST
 * /api/v1/incidents/{id}/handover/status}).
 */
@Component
public final class Peers {
    /**
     * A control room waits for the answer at its desk: a peer that takes longer is treated as down. As long as
     * a command waits for the writer ({@code muster.writer-wait}'s default), and long enough for a receiver that
     * reads NENA's schema at its first import.
     */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    /** Enough of a refusal's problem to read its violations; the rest would only swell the log. */
    private static final int MAX_REFUSAL_CHARS = 2_000;

    private final Map<String, MusterProperties.Peer> peers;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Peers(MusterProperties settings) {
        this.peers = settings.peers();
    }

    /** A problem document's {@code detail}, which says what was wrong in words; any other answer as it came. */
    static String detailOf(String body) {
        return org.muster.store.DomainJson.textField(body, "detail")
                .filter(d -> !d.isBlank())
                .orElse(body);
    }

    /** Whether this service knows no other: then it neither hands over nor reports back. */
    public boolean isEmpty() {
        return peers.isEmpty();
    }

    /** The peer by its configured name; a name not configured is refused, naming those that are. */
    public MusterProperties.Peer get(String name) {
        MusterProperties.Peer p = peers.get(name);
        if (p == null)
            throw InvalidInputException.of(
                    "peer",
                    name,
                    "must be one of the peers this service knows: " + new java.util.TreeSet<>(peers.keySet()));
        return p;
    }

    /** Each peer's name and the organisations it holds, by name: what a dispatcher may hand a call over to. */
    public java.util.SortedMap<String, java.util.List<String>> organisationsByPeer() {
        java.util.SortedMap<String, java.util.List<String>> out = new java.util.TreeMap<>();
        peers.forEach((name, peer) -> out.put(name, java.util.List.copyOf(peer.organisations())));
        return out;
    }

    /** Whether another service holds the organisation: its own users act for it there, not here. */
    public boolean holds(OrganisationId organisation) {
        return findHolding(organisation).isPresent();
    }

    /** The peer that holds the organisation, if one does. */
    public Optional<Map.Entry<String, MusterProperties.Peer>> findHolding(OrganisationId organisation) {
        return peers.entrySet().stream()
                .filter(e -> e.getValue().organisations().contains(organisation.value()))
                .min(Map.Entry.comparingByKey());
    }

    /** What a peer answered to a handover. */
    public sealed interface Answer {
        /** It created its copy of the incident. */
        record Acknowledged(IncidentId incident) implements Answer {}

        /** It answered, and refused: the status and what it said. */
        record Refused(int status, String problem) implements Answer {}

        /** It did not answer: down, unreachable, or too slow. */
        record Unreachable(String why) implements Answer {}
    }

    /**
     * Sends the EIDO to the peer's import, for {@code organisation} there, optionally under its incident type
     * {@code type}. {@code key} makes a retry create no second copy there.
     */
    public Answer handOver(
            MusterProperties.Peer peer,
            OrganisationId organisation,
            Optional<String> type,
            String eido,
            Optional<String> key) {
        String query = "?organisation=" + encode(organisation.value())
                + type.map(t -> "&type=" + encode(t)).orElse("");
        HttpRequest.Builder b = request(peer, "/api/v1/eido" + query).POST(HttpRequest.BodyPublishers.ofString(eido));
        key.ifPresent(k -> b.header("Idempotency-Key", k));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                // the import names the copy it made where it can be read: /api/v1/incidents/{id}
                Optional<String> location = r.headers().firstValue("Location");
                if (location.isPresent() && location.get().contains("/incidents/"))
                    return new Answer.Acknowledged(IncidentId.of(
                            location.get().substring(location.get().lastIndexOf('/') + 1)));
                return new Answer.Refused(r.statusCode(), "the answer named no incident");
            }
            String said = detailOf(r.body());
            return new Answer.Refused(
                    r.statusCode(),
                    said.length() > MAX_REFUSAL_CHARS ? said.substring(0, MAX_REFUSAL_CHARS) + "..." : said);
        } catch (IOException e) {
            return new Answer.Unreachable("no answer from " + peer.url() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unreachable("interrupted while waiting for " + peer.url());
        }
    }

    /** A status of the receiver's copy, as it reports it to the sender. */
    public record StatusReport(OrganisationId organisation, IncidentId incident, IncidentStatus status, Instant at) {}

    /**
     * Tells the peer that its incident {@code senderIncident}, handed over here, is now {@code report.status()}.
     *
     * @return the peer's HTTP status, or empty when it did not answer
     */
    public Optional<Integer> reportStatus(MusterProperties.Peer peer, IncidentId senderIncident, StatusReport report) {
        HttpRequest req = request(peer, "/api/v1/incidents/" + encode(senderIncident.value()) + "/handover/status")
                // one report of one status: a retry after a lost answer is answered from the sender's log
                .header(
                        "Idempotency-Key",
                        "handover-status:" + report.organisation() + ":" + report.incident() + ":" + report.status())
                .POST(HttpRequest.BodyPublishers.ofString(DomainJson.write(report)))
                .build();
        try {
            return Optional.of(
                    http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static HttpRequest.Builder request(MusterProperties.Peer peer, String path) {
        return HttpRequest.newBuilder(URI.create(peer.url() + path))
                .timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + peer.token())
                .header("Content-Type", "application/json");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
