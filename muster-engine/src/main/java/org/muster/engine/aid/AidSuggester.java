package org.muster.engine.aid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.Decline;
import org.muster.domain.aid.OfferStatus;
import org.muster.domain.aid.SupportUnit;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.coverage.CoveragePreview;
import org.muster.engine.coverage.CoverageReport;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.LayerCoverage;
import org.muster.engine.rules.Headroom;
import org.muster.engine.rules.PlacedClosures;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;
import org.muster.geo.road.TravelTimes;

/**
 * Who could answer a mutual aid request: for each other organisation of the right agency, the units it
 * could spare without any of its zones falling below a safe minimum, how soon they could be at the
 * rendezvous point, and the coverage it would lose by sending them.
 *
 * <p>A unit counts as suitable when it meets the need now (type, live capabilities, crew with the skill),
 * is available, at home (not lent) and held by no other request. Spare units are taken fastest first while
 * every zone of the organisation they stand in keeps its safe minimum of their type; a unit in none of its
 * organisation's zones (no zone geometry) is weighed against the organisation as a whole: its available
 * units of the type against what it must keep free as a whole ({@code MusterState.organisationMinimum}).
 *
 * <p>Travel times are road travel times when a {@link TravelTimes} is given ({@link #withRoads}), and
 * otherwise straight-line estimates, which the answer says. Coverage is weighed when a
 * {@link CoverageTracker} is given ({@link #withCoverage}).
 */
public final class AidSuggester {
    /**
     * @param profile the road profile of a unit travelling to a rendezvous point
     * @param straightLineKmh the average speed of a straight-line estimate
     * @param straightLineDetour how much longer the road is than the straight line, for an estimate
     * @param routedPerOrganisation how many of an organisation's nearest suitable units are routed by road
     */
    public record Config(
            RoadProfile profile, double straightLineKmh, double straightLineDetour, int routedPerOrganisation) {
        public static final Config DEFAULTS = new Config(RoadProfile.CAR, 60, 1.3, 25);

        public Config {
            Check.present("profile", profile);
            Check.range("straightLineKmh", straightLineKmh, 1, 300);
            Check.range("straightLineDetour", straightLineDetour, 1, 5);
            Check.atLeast("routedPerOrganisation", routedPerOrganisation, 1);
        }
    }

    private final Rules rules;
    private final Config config;
    private final TravelTimes network; // null: straight-line estimates
    private final PlacedClosures closures; // null with the network
    private final CoverageTracker coverage; // null: coverage not weighed

    public AidSuggester(Rules rules) {
        this(rules, Config.DEFAULTS, null, null);
    }

    private AidSuggester(Rules rules, Config config, TravelTimes network, CoverageTracker coverage) {
        this.rules = Check.present("rules", rules);
        this.config = Check.present("config", config);
        this.network = network;
        this.closures = network == null ? null : new PlacedClosures(network);
        this.coverage = coverage;
    }

    public AidSuggester withConfig(Config next) {
        return new AidSuggester(rules, next, network, coverage);
    }

    /** Travel times by road over this network. */
    public AidSuggester withRoads(TravelTimes roads) {
        return new AidSuggester(rules, config, Check.present("roads", roads), coverage);
    }

    /** Weighs the coverage each organisation would lose, from this tracker's live figures. */
    public AidSuggester withCoverage(CoverageTracker tracker) {
        return new AidSuggester(rules, config, network, Check.present("coverage", tracker));
    }

    /**
     * Ranks the organisations that could help with the request as the state stands: those that can spare
     * units first, then by how much of what is still needed they could send, how soon all of it could be at
     * the rendezvous point, the coverage they would lose, and their id.
     *
     * @throws org.muster.domain.NotFoundException when there is no such request
     * @throws ConflictException when the request no longer takes offers
     */
    public AidSuggestions suggest(MusterState state, AidRequestId id) {
        AidRequest r = state.getAidRequest(id);
        if (!r.status().takesOffers() && r.status() != AidRequestStatus.DRAFT)
            throw new ConflictException("mutual aid request " + id + " is " + r.status()
                    + "; suggestions are for a request still in DRAFT, OPEN or PARTLY_FILLED");
        int still = state.countStillNeeded(r, rules.crewing());
        List<String> notes = new ArrayList<>();
        if (network == null)
            notes.add(String.format(
                    Locale.ROOT,
                    "travel times are straight-line estimates (no road network given): distance x %.1f at %.0f km/h",
                    config.straightLineDetour(),
                    config.straightLineKmh()));
        if (coverage == null) notes.add("coverage not weighed (no coverage model given)");
        for (Decline d : r.declines()) notes.add(d.organisation() + " declined: " + d.reason());
        for (AidOffer o : r.offers()) {
            if (o.status() != OfferStatus.LAPSED)
                notes.add(o.offerer() + " has " + o.status() + " offer " + o.id() + " " + o.units());
        }
        Agency agency = r.need()
                .unitType()
                .map(UnitType::agency)
                .orElseGet(() -> state.getOrganisation(r.requester()).agency());
        List<AidSuggestion> out = new ArrayList<>();
        for (Organisation o : state.organisations().values()) {
            if (o.id().equals(r.requester()) || o.agency() != agency || hasAnswered(r, o.id())) continue;
            suggestion(state, r, o.id(), still).ifPresent(out::add);
        }
        out.sort(Comparator.comparing((AidSuggestion s) -> s.spare() == 0)
                .thenComparing(s -> -Math.min(s.spareCount(), Math.max(still, 1)))
                .thenComparing(s -> s.allArrive().orElse(Duration.ofDays(365)))
                .thenComparing(s -> s.coverage().map(CoverageLoss::pointsLost).orElse(0.0))
                .thenComparing(s -> s.organisation().value()));
        return new AidSuggestions(id, state.sequence(), still, network != null, out, notes);
    }

    private static boolean hasAnswered(AidRequest r, OrganisationId org) {
        return r.declines().stream().anyMatch(d -> d.organisation().equals(org))
                || r.offers().stream().anyMatch(o -> o.offerer().equals(org) && o.status() != OfferStatus.LAPSED);
    }

    /** A unit that meets the need, with what it brings and how far it is from the rendezvous point. */
    private record Candidate(Unit unit, int brings, Optional<Duration> travel) {}

    private Optional<AidSuggestion> suggestion(MusterState s, AidRequest r, OrganisationId org, int still) {
        List<Candidate> candidates = candidates(s, r, org);
        if (candidates.isEmpty()) return Optional.empty();
        Headroom headroom = new Headroom(s, org, rules.zones());
        List<Candidate> spare = new ArrayList<>();
        Map<String, Integer> heldBack = new java.util.TreeMap<>();
        for (Candidate c : candidates) {
            Optional<String> binding = headroom.take(c.unit());
            if (binding.isEmpty()) spare.add(c);
            else heldBack.merge(binding.get(), 1, Integer::sum);
        }
        List<Candidate> proposed = new ArrayList<>();
        int brought = 0;
        for (Candidate c : spare) {
            if (brought >= Math.max(still, 1)) break;
            proposed.add(c);
            brought += c.brings();
        }
        // police support units go whole: propose whole teams of carriers, or none
        int perTeam = r.need().supportUnit().map(SupportUnit::carriers).orElse(1);
        while (proposed.size() % perTeam != 0) proposed.removeLast();
        int spareCount = spare.stream().mapToInt(Candidate::brings).sum();
        Optional<Duration> first =
                proposed.isEmpty() ? Optional.empty() : proposed.get(0).travel();
        Optional<Duration> all =
                proposed.isEmpty() || proposed.stream().anyMatch(c -> c.travel().isEmpty())
                        ? Optional.empty()
                        : proposed.get(proposed.size() - 1).travel();
        List<UnitId> proposedIds = proposed.stream().map(c -> c.unit().id()).toList();
        Optional<CoverageLoss> loss = coverageLoss(org, proposedIds);

        List<String> reasons = new ArrayList<>();
        String what = r.need().countsPeople()
                ? " (" + spareCount + " people with " + r.need().skill().get() + ")"
                : r.need()
                        .supportUnit()
                        .map(psu -> " (" + spareCount / psu.carriers() + " whole " + psu + ")")
                        .orElse("");
        reasons.add("can spare " + spare.size() + " of " + candidates.size() + " suitable units" + what
                + " without falling below a safe minimum");
        heldBack.forEach((why, n) -> reasons.add("holds back " + n + ": " + why));
        if (!proposed.isEmpty()) {
            String how = network == null ? " (straight-line estimate)" : " by road";
            reasons.add("would send " + proposedIds + "; first there in "
                    + first.map(AidSuggester::words).orElse("unknown time")
                    + ", all in " + all.map(AidSuggester::words).orElse("unknown time (no road route for some)") + how);
        }
        loss.ifPresent(l -> reasons.add(l.words()));
        if (!r.mayAnswer(org)) reasons.add("not among the request's addressees: ask it first");
        return Optional.of(new AidSuggestion(
                org, candidates.size(), spare.size(), spareCount, proposedIds, first, all, loss, reasons));
    }

    /** The organisation's units that could go now, fastest to the rendezvous point first. */
    private List<Candidate> candidates(MusterState s, AidRequest r, OrganisationId org) {
        GeoPoint to = r.rendezvous();
        List<Unit> free = new ArrayList<>();
        for (Unit u : s.units().values()) {
            if (!u.organisation().equals(org) || u.isLent() || u.status() != UnitStatus.AVAILABLE) continue;
            if (u.position().isEmpty() || s.findIncidentOf(u.id()).isPresent()) continue;
            if (s.findAidRequestHolding(u.id()).isPresent()) continue;
            free.add(u);
        }
        free.sort(Comparator.comparingDouble(
                        (Unit u) -> u.position().get().point().distanceMetersTo(to))
                .thenComparing(u -> u.id().value()));
        List<Candidate> out = new ArrayList<>();
        int routed = 0;
        for (Unit u : free) {
            int brings = r.need().contributionOf(u.type(), s.liveCapabilities(u, rules.crewing()), s.crewOf(u));
            if (brings == 0) continue;
            GeoPoint from = u.position().get().point();
            boolean byRoad = network != null && routed++ < config.routedPerOrganisation();
            out.add(new Candidate(u, brings, byRoad ? road(s, from, to) : Optional.of(straightLine(from, to))));
        }
        out.sort(Comparator.comparing((Candidate c) -> c.travel().orElse(Duration.ofDays(365)))
                .thenComparing(c -> c.unit().id().value()));
        return out;
    }

    /** The journey by road as the roads stand: round any road closed in {@code s}. */
    private Optional<Duration> road(MusterState s, GeoPoint from, GeoPoint to) {
        try {
            return network.findRoute(config.profile(), from, to, closures.of(s)).map(Route::travelTime);
        } catch (InvalidInputException offTheNetwork) {
            return Optional.empty();
        }
    }

    private Duration straightLine(GeoPoint from, GeoPoint to) {
        double meters = from.distanceMetersTo(to) * config.straightLineDetour();
        return Duration.ofSeconds(Math.round(meters / (config.straightLineKmh() / 3.6)));
    }

    private Optional<CoverageLoss> coverageLoss(OrganisationId org, List<UnitId> leaving) {
        if (coverage == null || leaving.isEmpty()) return Optional.empty();
        CoveragePreview preview = coverage.preview(leaving);
        Optional<LayerCoverage> before = firstLayer(preview.before(), org);
        Optional<LayerCoverage> after = firstLayer(preview.after(), org);
        if (before.isEmpty() || after.isEmpty()) return Optional.empty();
        return Optional.of(new CoverageLoss(
                before.get().layer().standard().category(),
                before.get().area().shareOnce().orElse(0),
                after.get().area().shareOnce().orElse(0)));
    }

    /** The organisation's figure over all its units for its most urgent standard (over its own area). */
    private static Optional<LayerCoverage> firstLayer(CoverageReport report, OrganisationId org) {
        return report.layers().stream()
                .filter(l -> l.layer().organisation().equals(org)
                        && l.layer().unitType().isEmpty())
                .findFirst();
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        if (s < 3600) return (s / 60) + " min";
        return (s / 3600) + " h " + (s % 3600) / 60 + " min";
    }
}
