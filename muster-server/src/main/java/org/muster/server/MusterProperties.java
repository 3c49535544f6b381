package org.muster.server;

import java.util.List;
import java.util.Map;
import org.muster.engine.writer.WriterConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Muster's own settings, from the configuration file ({@code muster serve --config FILE}) and the
 * environment ({@code MUSTER_STORE}, {@code MUSTER_DATA}, {@code MUSTER_OSM}, ...). See README.
 *
 * @param store the event log: {@code sqlite:FILE} (embedded, the default) or a {@code jdbc:postgresql://} URL
 * @param data the data directory: prepared road graphs, imported zones
 * @param osm the road network's OpenStreetMap file; without one there are no recommendations or coverage
 * @param tiles a tile URL template for the dashboard's map; empty draws the road network instead
 * @param clockRate how fast Muster's clock runs against real time: 1, except in the demo; tells the dashboard
 * @param aidExpiryCheck how often unanswered mutual aid requests past their report-by time are expired
 * @param writerInbox the most commands waiting for the writer; past it a request is answered 503 with
 *     {@code Retry-After} at once instead of queueing behind minutes of work
 * @param writerWait how long a request waits for its command's answer before a 503; the command may still
 *     be applied, and a retry with the same {@code Idempotency-Key} learns its outcome
 * @param users dashboard users with a password
 * @param tokens API tokens for integrations; only their SHA-256 is configured
 * @param oidcUsers the roles of people who sign in with OpenID Connect, by subject or e-mail
 * @param targets organisations' own response-time targets, by organisation id then priority: {@code
 *     muster.targets.WSP.EMERGENCY=15m} (a 90th centile) or {@code mean 10m, p90 15m}. Police and fire have
 *     none unless configured here; ambulance services are judged against the national ARP standards
 * @param zoneTargets zones' own response-time targets, by zone id then priority, written as {@code targets}'
 *     ({@code muster.zone-targets.WSP-RUTLAND-RURAL.EMERGENCY=20m}): a zone's figures and breaches are judged
 *     against its own where it has one (the Home Office's 20 minutes in the country against 15 in towns), its
 *     organisation's otherwise
 * @param escalation what escalation levels do, by agency then level, replacing the defaults of those given:
 *     {@code muster.escalation.AMBULANCE.3=hold-back C3 C4, suspend-targets, ask-aid 2 DOUBLE_CREWED_AMBULANCE}
 *     (see docs/major-incidents.md)
 * @param checkpoint a file to keep the log's head in (sequence and hash), out of the database's reach, so a
 *     start and {@code audit verify --checkpoint} find events removed from the end; empty for none
 * @param snapshotEvery the writer saves a snapshot, with the projections' mementos, after this many events;
 *     a start and {@code /history?at=} replay at most this many events after the nearest one (0: never)
 * @param trailRetention how long units' trails are kept ({@code /api/v1/units/{id}/trail}); older fixes are
 *     pruned every hour, each unit's latest position stays
 * @param trailInterval a unit's trail keeps at most one reported position per interval, and its latest
 * @param standby how nodes sharing one PostgreSQL elect their writer ({@code muster.standby.*}); see {@link
 *     Standby} and docs/standby.md
 * @param peers the other Muster services this one hands incidents to and reports back to, by name ({@code
 *     muster.peers.NAME.*}); see {@link Peer} and docs/interop.md
 * @param dispatch the service's dispatch policy ({@code muster.dispatch.*}), which recommendations rank by,
 *     dispatch allows diversions by and projections run under; see {@link Dispatch}
 */
@ConfigurationProperties("muster")
public record MusterProperties(
        @DefaultValue("sqlite:data/muster.db") String store,
        @DefaultValue("data") String data,
        @DefaultValue("") String osm,
        @DefaultValue("") String tiles,
        @DefaultValue("1.0") double clockRate,
        @DefaultValue("PT30S") java.time.Duration aidExpiryCheck,
        @DefaultValue("10000") int writerInbox,
        @DefaultValue("PT30S") java.time.Duration writerWait,
        List<User> users,
        List<Token> tokens,
        List<OidcUser> oidcUsers,
        Map<String, Map<String, String>> targets,
        Map<String, Map<String, String>> zoneTargets,
        Map<String, Map<String, String>> escalation,
        @DefaultValue("") String checkpoint,

        @DefaultValue("" + WriterConfig.DEFAULT_SNAPSHOT_EVERY_EVENTS)
        long snapshotEvery,

        @DefaultValue("P30D") java.time.Duration trailRetention,
        @DefaultValue("PT30S") java.time.Duration trailInterval,
        @DefaultValue Standby standby,
        Map<String, Peer> peers,
        @DefaultValue Dispatch dispatch) {
    public MusterProperties {
        org.muster.domain.log.PositionTrack.positive("muster.trail-retention", trailRetention);
        org.muster.domain.log.PositionTrack.positive("muster.trail-interval", trailInterval);
        users = orEmpty(users);
        tokens = orEmpty(tokens);
        oidcUsers = orEmpty(oidcUsers);
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        zoneTargets = zoneTargets == null ? Map.of() : Map.copyOf(zoneTargets);
        escalation = escalation == null ? Map.of() : Map.copyOf(escalation);
        standby = standby == null ? Standby.DEFAULTS : standby;
        dispatch = dispatch == null ? Dispatch.DEFAULTS : dispatch;
        peers = peers == null ? Map.of() : Map.copyOf(peers);
        peers.forEach((name, peer) -> org.muster.domain.Check.code("muster.peers", name));
    }

    /**
     * Another Muster service: where it takes requests, the API token it issued to this one, and the
     * organisations it holds. An incident of one of those organisations' is handed over to it; a status of an
     * incident received from one of them is reported back to it.
     *
     * @param url its base address, such as {@code https://muster.ambulance.example}
     * @param token an API token the peer issued to this service ({@code mst_...}): the peer configures only its
     *     SHA-256, under its own {@code muster.tokens}, with a role that takes calls in its organisations (a call
     *     handler's), and this service presents it as {@code Authorization: Bearer}
     */
    public record Peer(String url, String token, List<String> organisations) {
        public Peer {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://")))
                throw org.muster.domain.InvalidInputException.of(
                        "muster.peers.*.url", url, "must be the peer's http:// or https:// address");
            url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            token = org.muster.domain.Check.text("muster.peers.*.token", token);
            organisations = orEmpty(organisations);
            if (organisations.isEmpty())
                throw org.muster.domain.InvalidInputException.of(
                        "muster.peers.*.organisations", "", "must name the organisations the peer holds");
        }
    }

    /**
     * The service's dispatch policy, as a scenario's {@code policies} sets a simulated one
     * ({@link org.muster.engine.rules.DispatchPolicy}).
     *
     * @param rule which suitable unit is recommended first: {@code nearest} by road, or {@code same-zone} (one
     *     based in the call's own zone before any based elsewhere)
     * @param diversion whether a unit on its way to one call may be diverted to a more urgent one
     * @param carsHeld how many of an organisation's free rapid response cars are kept for calls of the highest
     *     priority (C1): a less urgent call is recommended one only while more than this many are free
     */
    public record Dispatch(
            @DefaultValue("nearest") String rule,
            @DefaultValue("true") boolean diversion,
            @DefaultValue("0") int carsHeld) {
        public static final Dispatch DEFAULTS = new Dispatch("nearest", true, 0);

        public Dispatch {
            rule = orBlank(rule).strip();
            org.muster.engine.rules.DispatchPolicy.Rule.named("muster.dispatch.rule", rule);
            if (carsHeld < 0 || carsHeld > 1000)
                throw org.muster.domain.InvalidInputException.of(
                        "muster.dispatch.cars-held", carsHeld, "must be 0 to 1000");
        }

        /** The engine's policy these settings name. */
        public org.muster.engine.rules.DispatchPolicy policy() {
            return new org.muster.engine.rules.DispatchPolicy(
                    org.muster.engine.rules.DispatchPolicy.Rule.named("muster.dispatch.rule", rule),
                    diversion,
                    carsHeld);
        }
    }

    /**
     * The writer lease of nodes sharing one PostgreSQL (SQLite is single-node and has none): the node holding
     * it is the writer, the others follow the log and answer commands 503 naming it.
     *
     * @param advertisedUrl where this node takes commands (its HTTP address as clients reach it): what the
     *     other nodes name, with {@code Location}, when they refuse a command
     * @param node this node's name in the lease and in messages; blank for the host's name and the process id
     * @param lease how long a lease lasts unrenewed: a writer that stops renewing (dead, paused, cut off) is
     *     replaced this long after its last renewal, and a standby's takeover follows within
     *     {@code followEvery} and a replay of the events since the last snapshot
     * @param renewEvery how often the writer renews; at most half the lease, so that one late renewal does
     *     not lose it
     * @param followEvery how often a standby reads new events and looks at the lease
     */
    public record Standby(
            @DefaultValue("") String advertisedUrl,
            @DefaultValue("") String node,
            @DefaultValue("PT3S") java.time.Duration lease,
            @DefaultValue("PT1S") java.time.Duration renewEvery,
            @DefaultValue("PT0.2S") java.time.Duration followEvery) {
        public static final Standby DEFAULTS = new Standby(
                "",
                "",
                java.time.Duration.ofSeconds(3),
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMillis(200));

        public Standby {
            advertisedUrl = orBlank(advertisedUrl).strip();
            node = orBlank(node).strip();
            if (!advertisedUrl.isEmpty() && !advertisedUrl.matches("https?://\\S+"))
                throw org.muster.domain.InvalidInputException.of(
                        "muster.standby.advertised-url", advertisedUrl, "must be an http:// or https:// URL, or empty");
            org.muster.domain.log.PositionTrack.positive("muster.standby.lease", lease);
            org.muster.domain.log.PositionTrack.positive("muster.standby.renew-every", renewEvery);
            org.muster.domain.log.PositionTrack.positive("muster.standby.follow-every", followEvery);
            if (renewEvery.multipliedBy(2).compareTo(lease) > 0)
                throw org.muster.domain.InvalidInputException.of(
                        "muster.standby.renew-every",
                        renewEvery,
                        "must be at most half of muster.standby.lease (" + lease + "), so one late renewal keeps it");
        }

        /** With another lease, renewal and follow period: for tests and benchmarks that kill writers often. */
        public Standby withTimes(
                java.time.Duration lease, java.time.Duration renewEvery, java.time.Duration followEvery) {
            return new Standby(advertisedUrl, node, lease, renewEvery, followEvery);
        }
    }

    /**
     * @param passwordHash an encoded hash: {@code {argon2}...} as {@code muster user hash-password} prints it
     * @param organisations organisation ids the user acts for; {@code *} for all
     */
    public record User(String name, String passwordHash, List<String> roles, List<String> organisations) {
        public User {
            name = orBlank(name);
            passwordHash = orBlank(passwordHash);
            roles = orEmpty(roles);
            organisations = orEmpty(organisations);
        }
    }

    /** @param sha256 the token's SHA-256, hex, as {@code muster user new-token} prints it */
    public record Token(String name, String sha256, List<String> roles, List<String> organisations) {
        public Token {
            name = orBlank(name);
            sha256 = orBlank(sha256);
            roles = orEmpty(roles);
            organisations = orEmpty(organisations);
        }
    }

    /** @param subject the ID token's {@code sub}, or its {@code email} when the provider marks it verified */
    public record OidcUser(String subject, List<String> roles, List<String> organisations) {
        public OidcUser {
            subject = orBlank(subject);
            roles = orEmpty(roles);
            organisations = orEmpty(organisations);
        }
    }

    /**
     * The rules these settings make: {@code zones}' geometry, the roads where there are any, escalation and
     * dispatch as configured. The node adds its store's read model of closed incidents; {@code ./muster
     * project --config} builds the same.
     */
    public org.muster.engine.rules.Rules rules(
            org.muster.geo.zone.ZoneIndex zones, java.util.Optional<org.muster.geo.road.RoadNetwork> roads) {
        org.muster.engine.rules.Rules base = org.muster.engine.rules.Rules.defaults()
                .withZones(org.muster.engine.rules.ZoneLocators.of(zones))
                .withEscalation(
                        org.muster.engine.rules.EscalationPolicy.defaults().withConfigured(escalation))
                .withDispatch(dispatch.policy());
        return roads.map(n -> base.withLocations(org.muster.engine.rules.RoadLocations.of(n)))
                .orElse(base);
    }

    /**
     * The targets calls are judged against: the national standards, and organisations' and zones' own as
     * configured.
     */
    public org.muster.engine.performance.ResponseTargets responseTargets() {
        return org.muster.engine.performance.ResponseTargets.DEFAULTS
                .withConfigured(targets)
                .withConfiguredZones(zoneTargets);
    }

    /**
     * As {@link #responseTargets()}, refusing a zone's own target for a zone that is not among {@code zones}
     * (the node's zone shapes, from its data directory): no call is ever placed in such a zone, so its target
     * would never be judged, and a misspelt zone would leave the one meant judged against its organisation's.
     * Every such key is named at once.
     */
    public org.muster.engine.performance.ResponseTargets responseTargets(
            java.util.Collection<org.muster.domain.organisation.ZoneId> zones) {
        org.muster.engine.performance.ResponseTargets targets = responseTargets();
        org.muster.domain.Check check = org.muster.domain.Check.collecting();
        java.util.SortedSet<org.muster.domain.organisation.ZoneId> known = new java.util.TreeSet<>(zones);
        for (String zone : new java.util.TreeSet<>(zoneTargets.keySet())) {
            if (!known.contains(org.muster.domain.organisation.ZoneId.of(zone))) {
                check.add(
                        "muster.zone-targets." + zone,
                        zone,
                        known.isEmpty()
                                ? "is not a zone: there are no zones in " + data + "/zones"
                                : "is not a zone of " + data + "/zones; its zones are " + known);
            }
        }
        check.throwIfAny();
        return targets;
    }

    /**
     * The settings as the server binds them from {@code muster.*} keys, every one not given at its default:
     * for a face that starts a node without the HTTP server (a benchmark, a tool).
     */
    public static MusterProperties of(Map<String, String> settings) {
        return new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(settings))
                .bindOrCreate("muster", MusterProperties.class);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static String orBlank(String s) {
        return s == null ? "" : s;
    }
}
