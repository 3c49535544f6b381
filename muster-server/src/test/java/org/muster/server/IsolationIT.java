package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Station;
import org.muster.domain.people.Person;
import org.muster.server.SseStream.Sse;
import org.muster.store.StoreConfig;

/**
 * Each organisation sees its own, and nothing tells it otherwise: on a server of its own over PostgreSQL (so
 * no other test's calls or requests are in its state), a Westshire police (WSP) walkout, calls and an aid
 * request, and a Midshire ambulance (MAS) call; then every read endpoint and the live stream, read as each,
 * must name no other organisation.
 */
class IsolationIT {
    private static TestServer s;
    private static String wspIncident;
    private static String masIncident;
    private static String wspRequest;
    private static long beforeWalkout;
    private static List<String> walkedOut;

    /** The boards, lists and history a viewer reads; the path is filled in with an instant for history. */
    private static final List<String> READS = List.of(
            "/api/v1/queue",
            "/api/v1/capacity",
            "/api/v1/kpis",
            "/api/v1/kpis?window=FOUR_WEEKS",
            "/api/v1/kpis/zones",
            "/api/v1/coverage",
            "/api/v1/history?at=%s",
            "/api/v1/alerts?all=true",
            "/api/v1/incidents",
            "/api/v1/units",
            "/api/v1/aid/requests?all=true",
            "/api/v1/aid/hours");

    @BeforeAll
    static void start() {
        s = TestServer.start(StoreConfig.Backend.POSTGRESQL);
        wspIncident = s.newIncident("WSP", "WELFARE_CONCERN", near(station("WSP")));
        masIncident = s.newIncident("MAS", "STROKE", near(station("MAS")));
        Station rv = station("WSP");
        String aid = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"POLICE_RESPONSE_CAR\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT8H\",\"reason\":\"walkout\",\"priority\":\"URGENT\",\"addressees\":"
                        + "{\"organisations\":[\"ESP\",\"NSP\"],\"region\":null,\"nationalCoordinator\":false}}",
                rv.location().lat(),
                rv.location().lon(),
                s.node().clock().instant().plusSeconds(3 * 3600));
        var created = s.post("/api/v1/aid/requests", "supervisor", "WSP", aid);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        wspRequest = loc.substring(loc.lastIndexOf('/') + 1);

        // a walkout by a real command: one officer off duty, another's firearms authorisation handed in
        beforeWalkout = s.node().engine().state().sequence();
        List<Person> wsp = s.node().engine().state().people().values().stream()
                .filter(p -> p.organisation().value().equals("WSP"))
                .sorted(java.util.Comparator.comparing(p -> p.id().value()))
                .toList();
        Person offDuty = wsp.get(0);
        Person armed = wsp.stream()
                .filter(p -> p.skills().contains(org.muster.domain.people.Skill.AUTHORISED_FIREARMS_OFFICER))
                .filter(p -> !p.equals(offDuty))
                .findFirst()
                .orElseThrow();
        walkedOut = List.of(offDuty.id().value(), armed.id().value());
        ok(s.post("/api/v1/commands", "supervisor", "WSP", withdraw(offDuty.id().value(), "PERSON", null)));
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                withdraw(armed.id().value(), "SKILL", "AUTHORISED_FIREARMS_OFFICER")));
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static String withdraw(String person, String mode, String skill) {
        return "{\"type\":\"WithdrawPeople\",\"command\":{\"selection\":{\"people\":[\"" + person
                + "\"],\"organisation\":null,\"skill\":" + (skill == null ? "null" : "\"" + skill + "\"")
                + ",\"share\":1.0,\"seed\":1},\"mode\":\"" + mode + "\"},\"reason\":\"walkout\"}";
    }

    private static Station station(String org) {
        return s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().value().equals(org))
                .sorted(java.util.Comparator.comparing(x -> x.id().value()))
                .findFirst()
                .orElseThrow();
    }

    private static GeoPoint near(Station st) {
        return new GeoPoint(st.location().lat() + 0.003, st.location().lon() + 0.003);
    }

    /** An organisation's code standing alone (an id's prefix, a field's value), not inside a word. */
    private static Pattern codes(String... orgs) {
        return Pattern.compile("(?<![A-Za-z0-9])(" + String.join("|", orgs) + ")(?![A-Za-z0-9])");
    }

    private static List<String> found(Pattern p, String body) {
        List<String> out = new ArrayList<>();
        var m = p.matcher(body);
        while (m.find()) out.add(body.substring(Math.max(0, m.start() - 40), Math.min(body.length(), m.end() + 40)));
        return out;
    }

    private static String read(String path, String role, String org) {
        // after the calls, so that history's instant includes them
        String p = path.contains("%s") ? String.format(Locale.ROOT, path, Instant.now()) : path;
        var a = s.get(p, role, org);
        assertThat(a.status()).as("%s as %s of %s: %s", p, role, org, a.body()).isEqualTo(200);
        if (!path.startsWith("/api/v1/history")) return a.body();
        // zones and their levels are the shared directory: history shows all of them, exactly as /zones does
        var history = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(a.body());
        JsonNode zones = history.remove("zones");
        assertThat(zones.findValuesAsText("id"))
                .as("history's zones are /zones's")
                .containsExactlyInAnyOrderElementsOf(
                        Json.parse(s.get("/api/v1/zones", role, org).body()).findValuesAsText("id"));
        return history.toString();
    }

    @Test
    void every_read_shows_an_ambulance_service_nothing_of_the_police_force() {
        Pattern others = codes("WSP", "ESP", "NSP", "MFRS");
        for (String path : READS) {
            String body = read(path, "viewer", "MAS");
            assertThat(found(others, body)).as("%s read by MAS", path).isEmpty();
            assertThat(body).as(path).doesNotContain(wspIncident).doesNotContain(wspRequest);
            for (String person : walkedOut) assertThat(body).as(path).doesNotContain(person);
        }
        // and it is not empty-handed: its own call and its own coverage are there
        assertThat(read("/api/v1/incidents", "viewer", "MAS")).contains(masIncident);
        JsonNode coverage = TestServer.eventually(
                () -> Json.parse(read("/api/v1/coverage", "viewer", "MAS")),
                c -> c.get("layers").size() > 0);
        for (JsonNode l : coverage.get("layers"))
            assertThat(l.get("layer").get("organisation").asText()).isEqualTo("MAS");
    }

    @Test
    void every_read_shows_the_police_force_nothing_of_the_ambulance_service() {
        // its own request names the forces it asked (ESP, NSP), which may see it too
        Pattern others = codes("MAS", "MFRS");
        for (String path : READS) {
            String body = read(path, "viewer", "WSP");
            assertThat(found(others, body)).as("%s read by WSP", path).isEmpty();
            assertThat(body).as(path).doesNotContain(masIncident);
        }
        assertThat(read("/api/v1/incidents", "viewer", "WSP")).contains(wspIncident);
        assertThat(read("/api/v1/aid/requests?all=true", "viewer", "WSP")).contains(wspRequest);
        assertThat(read("/api/v1/history?at=%s", "viewer", "WSP")).contains("\"WSP-");
    }

    @Test
    void the_coordinator_still_sees_every_organisations_coverage() {
        JsonNode coverage = TestServer.eventually(
                () -> Json.parse(read("/api/v1/coverage", "coordinator", "*")),
                c -> c.findValuesAsText("organisation").containsAll(List.of("WSP", "MAS")));
        assertThat(coverage.findValuesAsText("organisation")).contains("WSP", "MAS");
    }

    @Test
    void an_addressee_sees_what_it_could_offer_itself_and_not_the_other_forces_spare_units() {
        String path = "/api/v1/aid/requests/" + wspRequest + "/suggestions";
        JsonNode requesters = ok(s.get(path, "viewer", "WSP"));
        var forRequester = requesters.get("suggestions").findValuesAsText("organisation");
        assertThat(forRequester)
                .as("the requester weighs every force: %s", requesters)
                .contains("ESP", "NSP");
        var forAddressee = ok(s.get(path, "viewer", "NSP")).get("suggestions").findValuesAsText("organisation");
        assertThat(forAddressee).isNotEmpty().containsOnly("NSP");
        assertThat(s.get(path, "viewer", "MAS").status()).isEqualTo(404);
    }

    /** The stream from after {@code after}, read until an event passes {@code last}. */
    private static Future<List<Sse>> follow(String token, long after, Predicate<Sse> last) {
        var reader = Executors.newVirtualThreadPerTaskExecutor();
        Future<List<Sse>> f = reader.submit(
                () -> SseStream.read(s, "/api/v1/stream", token, Long.toString(after), SseStream.until(last)));
        reader.shutdown();
        return f;
    }

    @Test
    void a_walkout_reaches_the_forces_stream_and_not_the_ambulance_services() throws Exception {
        // each stream ends at a call of its own organisation taken after the walkout
        long now = s.node().engine().state().sequence();
        var mas = follow(
                TestServer.tokenOf("viewer", "MAS"),
                beforeWalkout,
                e -> e.id() > now && e.type().equals("IncidentCreated"));
        var wsp = follow(
                TestServer.tokenOf("viewer", "WSP"),
                beforeWalkout,
                e -> e.id() > now && e.type().equals("IncidentCreated"));
        Thread.sleep(300);
        s.newIncident("MAS", "STROKE", near(station("MAS")));
        s.newIncident("WSP", "WELFARE_CONCERN", near(station("WSP")));

        List<Sse> forMas = mas.get(30, TimeUnit.SECONDS);
        List<Sse> forWsp = wsp.get(30, TimeUnit.SECONDS);
        assertThat(forWsp).extracting(Sse::type).contains("PersonDutyChanged", "SkillSuspended");
        assertThat(forWsp.stream().filter(e -> e.type().equals("PersonDutyChanged")))
                .anyMatch(e -> e.data().contains(walkedOut.get(0)));
        assertThat(forWsp.stream().filter(e -> e.type().equals("SkillSuspended")))
                .anyMatch(e -> e.data().contains(walkedOut.get(1)));

        assertThat(forMas).extracting(Sse::type).doesNotContain("PersonDutyChanged", "SkillSuspended");
        Pattern others = codes("WSP", "ESP", "NSP", "MFRS");
        for (Sse e : forMas)
            if (!DIRECTORY.contains(e.type()))
                assertThat(found(others, e.data())).as(e.type()).isEmpty();
        assertThat(forMas).isNotEmpty();
    }

    /** The region's directory, shared with every organisation as /organisations, /zones and /stations show it. */
    private static final List<String> DIRECTORY = List.of(
            "OrganisationRegistered", "ZoneRegistered", "StationRegistered", "OperatingLevelChanged", "ZoneCoverSet");

    @Test
    void a_neighbours_level_reaches_the_other_services_stream_as_zones_shows_it() throws Exception {
        String zone = s.node().engine().state().zones().values().stream()
                .filter(z -> z.organisation().value().equals("WSP"))
                .map(z -> z.id().value())
                .sorted()
                .findFirst()
                .orElseThrow();
        long now = s.node().engine().state().sequence();
        var mas = follow(TestServer.tokenOf("viewer", "MAS"), now, e -> e.type().equals("OperatingLevelChanged"));
        var wsp = follow(TestServer.tokenOf("viewer", "WSP"), now, e -> e.type().equals("OperatingLevelChanged"));
        Thread.sleep(300);
        var changed = s.send(
                "PUT",
                "/api/v1/zones/" + zone + "/level",
                TestServer.tokenOf("supervisor", "WSP"),
                "{\"level\":\"ELEVATED\",\"reason\":\"informant says the estate will kick off\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Sse forMas = mas.get(30, TimeUnit.SECONDS).getLast();
        Sse forWsp = wsp.get(30, TimeUnit.SECONDS).getLast();
        for (Sse e : List.of(forMas, forWsp)) assertThat(e.data()).contains(zone, "ELEVATED", "informant");
        // and the zone's level reads the same in /zones and in history for both
        for (String org : List.of("MAS", "WSP")) {
            assertThat(ok(s.get("/api/v1/zones/" + zone, "viewer", org))
                            .get("level")
                            .get("level")
                            .asText())
                    .isEqualTo("ELEVATED");
            assertThat(read("/api/v1/zones", "viewer", org)).contains(zone);
        }
    }

    @Test
    void the_audit_log_read_by_an_ambulance_auditor_holds_nothing_of_the_police_but_the_directory() {
        Pattern others = codes("WSP", "ESP", "NSP", "MFRS");
        long head = s.node().log().lastSequence();
        int seen = 0;
        for (long after = 0; after < head; ) {
            JsonNode page = ok(s.get("/api/v1/audit/events?after=" + after + "&limit=1000", "auditor", "MAS"));
            for (JsonNode e : page.get("events")) {
                String type = e.get("type").asText();
                seen++;
                if (DIRECTORY.contains(type)) continue;
                // an escort agreement between a force and MAS is MAS's business as much as the force's
                if (type.equals("EscortAgreementSet")
                        && e.get("event").toString().contains("\"MAS\"")) continue;
                assertThat(found(others, e.get("event").toString())).as(type).isEmpty();
            }
            after = page.get("next").asLong();
        }
        assertThat(seen).isPositive();
    }
}
