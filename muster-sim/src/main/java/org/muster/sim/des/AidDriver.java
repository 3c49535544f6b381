package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.MusterException;
import org.muster.domain.Sorted;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.OfferId;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.engine.aid.AidSuggester;
import org.muster.engine.aid.AidSuggestion;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.CapacityConfig;
import org.muster.engine.capacity.Colour;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.sim.Agenda;
import org.muster.sim.EngineGateway;

/**
 * Runs a plan's mutual aid policies through the engine's aid commands: the requester's duty officer asks
 * when a zone's queue or capacity passes the policy's threshold; after the policy's delay each neighbour
 * declines, or offers what the engine's {@link AidSuggester} says it can spare; the requester accepts every
 * offer and deploys the units (the simulated crews drive them to the rendezvous point), and releases them
 * when the lending is over. A request nobody could fill is cancelled.
 */
final class AidDriver {
    /** The requester's duty officer. */
    static final Actor REQUESTER = Actor.of("sim:aid-requester");
    /** The neighbours' duty officers. */
    static final Actor ADDRESSEE = Actor.of("sim:aid-addressee");

    /** How often a lent unit still at a call is looked at again once its lending is over. */
    private static final Duration RELEASE_RETRY = Duration.ofMinutes(5);

    private final EngineGateway gateway;
    private final Agenda agenda;
    private final Rules rules;
    private final AidSuggester suggester;
    private final CapacityBoard board;
    private final Duration handling;
    private final List<AidPolicy> policies;
    /** Per policy, when it may ask again: after its last request's lending. */
    private final Instant[] quietUntil;

    private int requests;

    AidDriver(
            EngineGateway gateway,
            Agenda agenda,
            Rules rules,
            AidSuggester suggester,
            Duration handling,
            List<AidPolicy> policies) {
        this.gateway = Check.present("gateway", gateway);
        this.agenda = Check.present("agenda", agenda);
        this.rules = Check.present("rules", rules);
        this.suggester = Check.present("suggester", suggester);
        this.board = new CapacityBoard(rules.zones(), CapacityConfig.DEFAULTS);
        this.handling = Check.present("handling", handling);
        this.policies = List.copyOf(policies);
        this.quietUntil = new Instant[policies.size()];
    }

    /** Asks, for each policy whose threshold a zone has passed and that is not waiting out a lending. */
    void sample(MusterState state, Instant now) {
        if (policies.isEmpty()) return;
        Optional<CapacityBoard.Snapshot> capacity = Optional.empty();
        for (int i = 0; i < policies.size(); i++) {
            if (quietUntil[i] != null && now.isBefore(quietUntil[i])) continue;
            AidPolicy p = policies.get(i);
            Optional<ZoneId> zone = queuePassed(p, state, now);
            if (zone.isEmpty() && p.capacity().isPresent()) {
                if (capacity.isEmpty()) capacity = Optional.of(board.compute(state));
                zone = capacityPassed(p, capacity.get());
            }
            if (zone.isPresent()) ask(i, p, zone.get(), state, now);
        }
    }

    /** The requester's zone (by id) with the most calls waiting past the handling time, when at the threshold. */
    private Optional<ZoneId> queuePassed(AidPolicy p, MusterState state, Instant now) {
        if (p.queued() == 0) return Optional.empty();
        // counted in the zones no other zone lies within (a district, not the force's whole area)
        Set<ZoneId> parents = org.muster.sim.demand.CallZones.parents(state);
        Map<ZoneId, Integer> waiting = new TreeMap<>();
        for (Incident i : state.listOpenIncidents()) {
            if (!i.organisation().equals(p.requester())) continue;
            if (!QueuedCalls.isQueued(state, i, rules.zones(), now, handling)) continue;
            for (ZoneId z : rules.zones().zonesAt(i.location()))
                if (!parents.contains(z)
                        && state.findZone(z)
                                .map(Zone::organisation)
                                .filter(p.requester()::equals)
                                .isPresent()) waiting.merge(z, 1, Integer::sum);
        }
        return waiting.entrySet().stream()
                .filter(e -> e.getValue() >= p.queued())
                .max(Map.Entry.<ZoneId, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey);
    }

    private static Optional<ZoneId> capacityPassed(AidPolicy p, CapacityBoard.Snapshot board) {
        Colour at = p.capacity().orElseThrow();
        return board.zones().stream()
                .filter(z -> z.organisation().equals(p.requester()))
                .filter(z -> z.colour().ordinal() >= at.ordinal())
                .map(CapacityBoard.ZoneCapacity::zone)
                .sorted()
                .findFirst();
    }

    private void ask(int index, AidPolicy p, ZoneId zone, MusterState state, Instant now) {
        AidRequestId id = AidRequestId.of("SIM-AID-" + (++requests));
        Instant answers = now.plus(p.answerAfter());
        quietUntil[index] = answers.plus(p.lending());
        Command.RequestAid request = new Command.RequestAid(
                id,
                p.requester(),
                p.need(),
                rendezvous(p.requester(), zone, state),
                answers.plus(Duration.ofHours(2)),
                p.lending(),
                "the scenario's aid policy: " + zone + " passed its threshold",
                AidPriority.URGENT,
                Addressees.organisations(p.asks()),
                false);
        if (gateway.submit(REQUESTER, "mutual aid policy", request).isEmpty()) return;
        agenda.at(answers, at -> answer(p, id));
    }

    /** The requester's first station in the zone, else its first station: where lent units report. */
    private GeoPoint rendezvous(OrganisationId requester, ZoneId zone, MusterState state) {
        List<Station> own = state.stations().values().stream()
                .filter(s -> s.organisation().equals(requester))
                .sorted(Comparator.comparing(s -> s.id().value()))
                .toList();
        return own.stream()
                .filter(s -> rules.zones().zonesAt(s.location()).contains(zone))
                .findFirst()
                .or(() -> own.stream().findFirst())
                .map(Station::location)
                .orElseThrow(() -> new IllegalStateException(requester + " has no station"));
    }

    private void answer(AidPolicy p, AidRequestId id) {
        List<OfferId> accepted = new ArrayList<>();
        for (OrganisationId org : p.asks()) {
            // filled by an earlier answer: the rest are not asked to answer a request that is over
            if (!gateway.engine().state().getAidRequest(id).status().takesOffers()) break;
            if (p.declines().contains(org)) {
                decline(id, org, "declined under the scenario's aid policy");
                continue;
            }
            Optional<AidSuggestion> can = suggestion(id, org);
            if (can.isEmpty() || can.get().proposed().isEmpty()) {
                decline(
                        id,
                        org,
                        "nothing to spare: "
                                + can.flatMap(s -> s.reasons().stream().findFirst())
                                        .orElse("no suitable unit free"));
                continue;
            }
            OfferId offer = OfferId.of(id.value() + "-" + org.value());
            boolean offered = gateway.submit(
                            ADDRESSEE,
                            "mutual aid policy",
                            new Command.OfferAid(
                                    offer,
                                    id,
                                    org,
                                    Sorted.setOf(can.get().proposed()),
                                    false,
                                    "under the scenario's aid policy"))
                    .isPresent();
            if (offered
                    && gateway.submit(
                                    REQUESTER, "mutual aid policy", new Command.AcceptOffer(id, offer, Sorted.empty()))
                            .isPresent()) accepted.add(offer);
        }
        if (accepted.isEmpty()) {
            gateway.submit(REQUESTER, "nobody could help", new Command.CancelAidRequest(id));
            return;
        }
        gateway.submit(REQUESTER, "mutual aid policy", new Command.DeployAid(id, Sorted.empty()));
        agenda.after(p.lending(), at -> release(id));
    }

    /**
     * The lending is over: the lent units not at a call go home now; one still at a host's call is stood
     * down when it frees, as its host's dispatcher would (the engine refuses to send a busy unit home).
     */
    private void release(AidRequestId id) {
        MusterState state = gateway.engine().state();
        SortedSet<UnitId> lent = state.getAidRequest(id).lentUnits();
        SortedSet<UnitId> free = new TreeSet<>();
        for (UnitId u : lent) if (state.findIncidentOf(u).isEmpty()) free.add(u);
        if (!free.isEmpty()) gateway.submit(REQUESTER, "the lending is over", new Command.ReleaseAid(id, free));
        if (free.size() < lent.size()) agenda.after(RELEASE_RETRY, at -> release(id));
    }

    private Optional<AidSuggestion> suggestion(AidRequestId id, OrganisationId org) {
        try {
            return suggester.suggest(gateway.engine().state(), id).suggestions().stream()
                    .filter(s -> s.organisation().equals(org))
                    .findFirst();
        } catch (MusterException e) {
            // the request no longer takes offers (filled by an earlier answer)
            return Optional.empty();
        }
    }

    private void decline(AidRequestId id, OrganisationId org, String why) {
        gateway.submit(ADDRESSEE, "mutual aid policy", new Command.DeclineAid(id, org, why));
    }
}
