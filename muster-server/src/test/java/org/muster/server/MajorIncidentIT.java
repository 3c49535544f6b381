package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.muster.domain.GeoPoint;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.report.Sitrep;

/**
 * The proof, in the running service as the people who would act: during a paramedics' walkout the
 * ambulance service's supervisor declares a major incident; the police force whose zones the area touches
 * sees it at once, another force does not; the two services' dispatchers link their calls and file three
 * METHANE reports; the ambulance service goes to REAP 3 and its configured actions stand in the log; the
 * coordinator's national picture changes; the ambulance service stands it down with its timeline report.
 * On the shared server: everything it changes on MAS (the walkout, the level) is undone at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MajorIncidentIT {
    private static TestServer s;
    private static final String MI =
            "MI-IT-" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
    private static final String WALKOUT =
            "{\"type\":\"%s\",\"command\":{\"selection\":{\"people\":[],\"organisation\":\"MAS\","
                    + "\"skill\":\"PARAMEDIC\",\"share\":%s,\"seed\":4242},\"mode\":\"SKILL\"},"
                    + "\"reason\":\"%s\"}";
    private static final String MARKER = "fire crews committed to the bus station, marker " + System.nanoTime();
    private static String police;
    private static String outsider;
    private static String masCall;
    private static String policeCall;
    private static String automaticAid;
    private static String c4;

    @BeforeAll
    static void start() {
        s = SharedServer.get();
    }

    @AfterAll
    static void undo() {
        if (s == null) return;
        // the calls finish, freeing the unit sent, so the tests after this one find MAS as it was
        if (masCall != null) s.post("/api/v1/incidents/" + masCall + "/close", "dispatcher", "MAS", "{}");
        if (policeCall != null)
            s.post("/api/v1/incidents/" + policeCall + "/cancel", "call-handler", police, "{\"reason\":\"test over\"}");
        if (c4 != null)
            s.post("/api/v1/incidents/" + c4 + "/cancel", "call-handler", "MAS", "{\"reason\":\"test over\"}");
        s.post(
                "/api/v1/commands",
                "supervisor",
                "MAS",
                String.format(Locale.ROOT, WALKOUT, "ReturnPeople", "1.0", "paramedics back after the walkout"));
        s.post(
                "/api/v1/organisations/MAS/escalation",
                "supervisor",
                "MAS",
                "{\"level\":1,\"reason\":\"back to steady state\"}");
        s.post(
                "/api/v1/organisations/MFRS/escalation",
                "supervisor",
                "MFRS",
                "{\"level\":1,\"reason\":\"back to steady state\"}");
        if (automaticAid != null)
            s.post(
                    "/api/v1/aid/requests/" + automaticAid + "/cancel",
                    "supervisor",
                    "MAS",
                    "{\"reason\":\"pressure over\"}");
    }

    /**
     * Whether the force's dispatcher's live stream, open from {@code after}, carries this test's major
     * incident before the fire service's escalation level, a public event set just after it, ends the wait.
     */
    private static CompletableFuture<Boolean> seesOnItsStream(String force, long after) {
        return CompletableFuture.supplyAsync(() -> {
            HttpRequest request = HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                    .header("Authorization", "Bearer " + TestServer.tokenOf("dispatcher", force))
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", Long.toString(after))
                    .build();
            try {
                HttpResponse<Stream<String>> r = s.http().send(request, HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = r.body()) {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (line.startsWith("data:") && line.contains(MI)) return true;
                        if (line.startsWith("data:") && line.contains(MARKER)) return false;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return false;
        });
    }

    private static Station station(String org) {
        return s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(org)) && st.kind() != StationKind.HOSPITAL)
                .min(Comparator.comparing(st -> st.id().value()))
                .orElseThrow();
    }

    private static GeoPoint scene() {
        Station st = station("MAS");
        return new GeoPoint(st.location().lat() + 0.003, st.location().lon() + 0.003);
    }

    private static String point(GeoPoint p) {
        return String.format(Locale.ROOT, "{\"lat\":%.6f,\"lon\":%.6f}", p.lat(), p.lon());
    }

    private static String methane(String org, String casualties) {
        return "{\"organisation\":\"" + org + "\",\"report\":{\"majorIncident\":\"declared 14:02\","
                + "\"exactLocation\":\"Central bus station, stand C\",\"type\":\"bus into crowd\","
                + "\"hazards\":\"diesel leak\",\"access\":\"from the north only\",\"casualties\":\"" + casualties
                + "\",\"emergencyServices\":\"MAS 4 DCAs on scene, 6 more required\"}}";
    }

    @Test
    @Order(1)
    void during_a_walkout_the_ambulance_supervisor_declares_and_the_area_s_services_see_it_at_once() throws Exception {
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "MAS",
                String.format(Locale.ROOT, WALKOUT, "WithdrawPeople", "0.3", "paramedics walk out at 14:00")));
        assertThat(s.units("MAS", u -> u.status() == UnitStatus.UNAVAILABLE))
                .as("the walkout bites")
                .isNotEmpty();

        String declaration = "{\"id\":\"" + MI + "\",\"organisation\":\"MAS\",\"name\":\"Bus station collision\","
                + "\"location\":" + point(scene()) + ",\"area\":{\"centre\":" + point(scene())
                + ",\"radiusMeters\":4000},\"reason\":\"bus into crowd, many casualties\"}";
        // a dispatcher may not declare, nor another force's supervisor for MAS
        assertThat(s.post("/api/v1/major-incidents", "dispatcher", "MAS", declaration)
                        .status())
                .isEqualTo(403);
        assertThat(s.post("/api/v1/major-incidents", "supervisor", "WSP", declaration)
                        .status())
                .isEqualTo(403);
        // every police force's control room is watching its live stream when MAS declares
        long now = s.node().engine().state().sequence();
        java.util.Map<String, CompletableFuture<Boolean>> watching = new java.util.TreeMap<>();
        for (String force : List.of("WSP", "ESP", "NSP")) watching.put(force, seesOnItsStream(force, now));
        TestServer.Answer declared = s.post("/api/v1/major-incidents", "supervisor", "MAS", declaration);
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.headers().firstValue("Location")).contains("/api/v1/major-incidents/" + MI);

        JsonNode board = ok(s.get("/api/v1/major-incidents/" + MI, "coordinator", "*"));
        List<String> attending = new ArrayList<>();
        board.get("organisations").forEach(o -> attending.add(o.asText()));
        assertThat(attending).contains("MAS");
        police = attending.stream()
                .filter(o -> o.endsWith("SP"))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("a police force's zones lie under 4 km around a MAS station: " + attending));
        outsider = List.of("WSP", "ESP", "NSP").stream()
                .filter(o -> !attending.contains(o))
                .findFirst()
                .orElse(null);

        // the attending force hears of it at once on its stream; the others do not: their streams reach the
        // next public event, the fire service's level, without it
        ok(s.post(
                "/api/v1/organisations/MFRS/escalation",
                "supervisor",
                "MFRS",
                "{\"level\":2,\"reason\":\"" + MARKER + "\"}"));
        for (var w : watching.entrySet())
            assertThat(w.getValue().get(20, TimeUnit.SECONDS))
                    .as("%s's stream carries the declaration", w.getKey())
                    .isEqualTo(attending.contains(w.getKey()));

        // the attending force's dispatcher sees it in its list and on its board; a force outside it does not
        assertThat(ok(s.get("/api/v1/major-incidents", "dispatcher", police)).toString())
                .contains(MI);
        assertThat(ok(s.get("/api/v1/major-incidents/" + MI, "dispatcher", police))
                        .get("status")
                        .asText())
                .isEqualTo("DECLARED");
        if (outsider != null) {
            assertThat(s.get("/api/v1/major-incidents/" + MI, "supervisor", outsider)
                            .status())
                    .isEqualTo(404);
            assertThat(s.get("/api/v1/major-incidents", "supervisor", outsider).body())
                    .doesNotContain(MI);
        }
    }

    @Test
    @Order(2)
    void each_service_links_its_call_and_the_board_counts_the_units_committed_by_organisation() {
        masCall = s.newIncident("MAS", "RTC_CASUALTY", scene());
        policeCall = s.newIncident(police, "RTC", scene());
        ok(s.post(
                "/api/v1/major-incidents/" + MI + "/links", "dispatcher", "MAS", "{\"incident\":\"" + masCall + "\"}"));
        ok(s.post(
                "/api/v1/major-incidents/" + MI + "/links",
                "dispatcher",
                police,
                "{\"incident\":\"" + policeCall + "\"}"));
        // one service may not link the other's call: it cannot see it
        assertThat(s.post(
                                "/api/v1/major-incidents/" + MI + "/links",
                                "dispatcher",
                                "MAS",
                                "{\"incident\":\"" + policeCall + "\"}")
                        .status())
                .isEqualTo(404);

        JsonNode rec = ok(s.get("/api/v1/incidents/" + masCall + "/recommendation", "dispatcher", "MAS"));
        String unit = rec.get("fills").get(0).get("proposed").get(0).get("unit").asText();
        ok(s.post("/api/v1/incidents/" + masCall + "/assignments", "dispatcher", "MAS", "{\"unit\":\"" + unit + "\"}"));

        JsonNode board = ok(s.get("/api/v1/major-incidents/" + MI, "dispatcher", "MAS"));
        assertThat(board.get("calls")).hasSize(2);
        JsonNode committed = board.get("committed");
        assertThat(committed).hasSize(1);
        assertThat(committed.get(0).get("organisation").asText()).isEqualTo("MAS");
        assertThat(committed.get(0).get("units").get(0).get("unit").asText()).isEqualTo(unit);
    }

    @Test
    @Order(3)
    void two_services_file_three_methane_reports_and_the_board_shows_the_latest_of_each_and_what_changed() {
        String path = "/api/v1/major-incidents/" + MI + "/methane";
        ok(s.post(path, "dispatcher", "MAS", methane("MAS", "P1 4, P2 10")));
        ok(s.post(path, "dispatcher", police, methane(police, "many walking wounded")));
        // bad input names the field and changes nothing
        TestServer.Answer blank = s.post(
                path,
                "dispatcher",
                "MAS",
                methane("MAS", "P1 6").replace("\"hazards\":\"diesel leak\"", "\"hazards\":\" \""));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("\"field\":\"body.report.hazards\"");
        // a service files only for itself
        assertThat(s.post(path, "dispatcher", "MAS", methane(police, "x")).status())
                .isEqualTo(403);
        ok(s.post(path, "dispatcher", "MAS", methane("MAS", "P1 6, P2 14, P3 30")));

        JsonNode board = ok(s.get("/api/v1/major-incidents/" + MI, "supervisor", police));
        assertThat(board.get("methaneReports").asInt()).isEqualTo(3);
        JsonNode latest = board.get("latestMethane");
        assertThat(latest).hasSize(2);
        JsonNode mas = latest.get(0);
        assertThat(mas.get("organisation").asText()).isEqualTo("MAS");
        assertThat(mas.get("version").asInt()).isEqualTo(2);
        assertThat(mas.get("message").get("casualties").asText()).isEqualTo("P1 6, P2 14, P3 30");
        assertThat(mas.get("changed").toString()).isEqualTo("[\"N - Number of casualties\"]");

        JsonNode json = ok(s.get(path + "?format=json", "coordinator", "*"));
        assertThat(json.get("all")).hasSize(3);
        TestServer.Answer text = s.get(path + "?format=text", "dispatcher", police);
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text.body())
                .contains("MAS report 2")
                .contains("* N - Number of casualties: P1 6, P2 14, P3 30")
                .contains("  H - Hazards: diesel leak")
                .contains(police + " report 1");
        assertThat(s.get(path + "?format=xml", "dispatcher", "MAS").status()).isEqualTo(400);

        // casualties by triage category, rendezvous point and cordon from the attending services
        ok(s.post(
                "/api/v1/major-incidents/" + MI + "/casualties",
                "dispatcher",
                "MAS",
                "{\"organisation\":\"MAS\",\"counts\":{\"P1\":6,\"P2\":14,\"P3\":30}}"));
        ok(s.post(
                "/api/v1/major-incidents/" + MI + "/casualties",
                "dispatcher",
                police,
                "{\"organisation\":\"" + police + "\",\"counts\":{\"P1\":5,\"DEAD\":1}}"));
        assertThat(s.post(
                                "/api/v1/major-incidents/" + MI + "/casualties",
                                "dispatcher",
                                "MAS",
                                "{\"organisation\":\"MAS\",\"counts\":{\"P1\":-2}}")
                        .body())
                .contains("counts.P1");
        ok(s.post(
                "/api/v1/major-incidents/" + MI + "/places",
                "supervisor",
                "MAS",
                "{\"kind\":\"RENDEZVOUS_POINT\",\"name\":\"RVP 1 Market Street\",\"organisation\":\"MAS\","
                        + "\"area\":{\"centre\":" + point(scene()) + ",\"radiusMeters\":50}}"));
        ok(s.post(
                "/api/v1/major-incidents/" + MI + "/places",
                "supervisor",
                police,
                "{\"kind\":\"INNER_CORDON\",\"name\":\"Inner\",\"organisation\":\"" + police + "\","
                        + "\"area\":{\"centre\":" + point(scene()) + ",\"radiusMeters\":300}}"));
        board = ok(s.get("/api/v1/major-incidents/" + MI, "dispatcher", "MAS"));
        assertThat(board.get("casualties").get("P1").asInt())
                .as("the highest count, not a sum")
                .isEqualTo(6);
        assertThat(board.get("casualties").get("DEAD").asInt()).isEqualTo(1);
        assertThat(board.get("places")).hasSize(2);
    }

    @Test
    @Order(4)
    void reap_3_applies_its_actions_in_the_log_and_the_capacity_board_and_the_coordinator_see_it() {
        JsonNode before = ok(s.get("/api/v1/national", "coordinator", "*"));
        assertThat(masIn(before).get("level").asInt()).isEqualTo(1);
        assertThat(before.get("majorIncidents").toString()).contains(MI);
        assertThat(s.get("/api/v1/national", "supervisor", "MAS").status())
                .as("the national picture is the coordinator's")
                .isEqualTo(403);

        String reap3 = "{\"level\":3,\"reason\":\"major incident and walkout: severe pressure\"}";
        assertThat(s.post("/api/v1/organisations/MAS/escalation", "dispatcher", "MAS", reap3)
                        .status())
                .isEqualTo(403);
        assertThat(s.post("/api/v1/organisations/MAS/escalation", "supervisor", police, reap3)
                        .status())
                .isEqualTo(403);
        TestServer.Answer five =
                s.post("/api/v1/organisations/MAS/escalation", "supervisor", "MAS", "{\"level\":5,\"reason\":\"x\"}");
        assertThat(five.status()).isEqualTo(400);
        assertThat(five.body()).contains("level");

        JsonNode accepted = ok(s.post("/api/v1/organisations/MAS/escalation", "supervisor", "MAS", reap3));
        String answer = accepted.toString();
        // the log, as the auditor reads it, shows the level and each of its actions under the level's reason
        long first = accepted.get("events").get(0).get("sequence").asLong();
        JsonNode page = ok(s.get(
                "/api/v1/audit/events?after=" + (first - 1) + "&limit="
                        + accepted.get("events").size(),
                "auditor",
                "*"));
        List<String> logged = new ArrayList<>();
        for (JsonNode e : page.get("events")) {
            logged.add(e.get("type").asText());
            assertThat(e.get("reason").asText()).contains("major incident and walkout: severe pressure");
        }
        assertThat(logged)
                .containsExactly("EscalationLevelChanged", "TargetsSuspended", "PrioritiesHeldBack", "AidRequested");

        JsonNode capacity = ok(s.get("/api/v1/capacity", "supervisor", "MAS"));
        JsonNode level = capacity.get("organisations").get(0);
        assertThat(level.get("organisation").asText()).isEqualTo("MAS");
        assertThat(level.get("level").asInt()).isEqualTo(3);
        assertThat(level.get("label").asText()).startsWith("REAP 3");
        assertThat(level.get("colour").asText()).isNotBlank();
        assertThat(level.get("heldBack").toString()).contains("C3").contains("C4");
        assertThat(level.get("targetsSuspended").asBoolean()).isTrue();

        // the response boards say the targets are suspended, beside the figures that still count
        for (JsonNode k : ok(s.get("/api/v1/kpis", "supervisor", "MAS")).get("kpis"))
            assertThat(k.get("targetsSuspended").asBoolean()).isTrue();

        JsonNode after = ok(s.get("/api/v1/national", "coordinator", "*"));
        JsonNode mas = masIn(after);
        assertThat(mas.get("level").asInt()).isEqualTo(3);
        assertThat(mas.get("targetsSuspended").asBoolean()).isTrue();
        assertThat(mas.get("onDutyBySkill").has("PARAMEDIC")).isTrue();
        List<JsonNode> masAsks = new ArrayList<>();
        after.get("openRequests").forEach(r -> {
            if (r.get("requester").asText().equals("MAS")) masAsks.add(r);
        });
        assertThat(masAsks).as("REAP 3 asks the coordinator for ambulances").isNotEmpty();
        assertThat(masAsks.get(masAsks.size() - 1).get("wanted").asInt()).isEqualTo(2);
        assertThat(masAsks.get(masAsks.size() - 1).get("fill").asDouble()).isZero();
        automaticAid = masAsks.get(masAsks.size() - 1).get("id").asText();
        assertThat(answer).contains(automaticAid);

        // a C4 call now waits, held back: no simulated dispatcher would send to it
        c4 = s.newIncident("MAS", "FALL_NON_INJURY", scene());
        JsonNode queue = TestServer.eventually(
                () -> ok(s.get("/api/v1/queue", "dispatcher", "MAS")),
                q -> q.toString().contains(c4));
        for (JsonNode w : queue.get("waiting"))
            if (w.get("incident").asText().equals(c4))
                assertThat(w.get("heldBack").asBoolean()).isTrue();
        assertThat(queue.toString()).contains(c4);
    }

    private static JsonNode masIn(JsonNode national) {
        for (JsonNode o : national.get("organisations"))
            if (o.get("organisation").asText().equals("MAS")) return o;
        throw new AssertionError("MAS not in " + national);
    }

    @Test
    @Order(5)
    void the_declaring_service_stands_it_down_and_the_board_closes_with_its_timeline_report() {
        String path = "/api/v1/major-incidents/" + MI + "/stand-down";
        assertThat(s.post(path, "supervisor", police, "{\"reason\":\"scene clear\"}")
                        .status())
                .as("the declaring service stands it down")
                .isEqualTo(403);
        assertThat(s.post(path, "supervisor", "MAS", "{}").status())
                .as("a reason is required")
                .isEqualTo(400);
        ok(s.post(path, "supervisor", "MAS", "{\"reason\":\"last casualty conveyed\"}"));

        assertThat(s.post("/api/v1/major-incidents/" + MI + "/methane", "dispatcher", "MAS", methane("MAS", "0"))
                        .status())
                .as("the board is closed")
                .isEqualTo(409);
        JsonNode report = ok(s.get("/api/v1/major-incidents/" + MI + "/report", "dispatcher", police));
        assertThat(report.get("stoodDown").asBoolean()).isTrue();
        String text = s.get("/api/v1/major-incidents/" + MI + "/report?format=text", "coordinator", "*")
                .body();
        assertThat(text)
                .contains("Stood down at")
                .contains("METHANE reports: 3")
                .contains("call " + masCall + " of MAS linked")
                .contains("stood down")
                .contains("last casualty conveyed");
        assertThat(ok(s.get("/api/v1/major-incidents", "dispatcher", "MAS")).toString())
                .doesNotContain(MI);
        assertThat(ok(s.get("/api/v1/major-incidents?all=true", "dispatcher", "MAS"))
                        .toString())
                .contains(MI);
        assertThat(ok(s.get("/api/v1/national", "coordinator", "*"))
                        .get("majorIncidents")
                        .toString())
                .doesNotContain(MI);
    }

    @Test
    @Order(6)
    void the_day_s_situation_report_counts_what_the_log_holds() {
        var declaredAt = s.node()
                .engine()
                .state()
                .getMajorIncident(MajorIncidentId.of(MI))
                .declaredAt();
        LocalDate today = LocalDate.ofInstant(declaredAt, ZoneOffset.UTC);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                today.equals(LocalDate.ofInstant(s.node().clock().instant(), ZoneOffset.UTC)),
                "the run crossed midnight UTC: the day's figures are split over two reports");
        Sitrep r = Sitrep.of(s.node().log(), today, ResponseTargets.DEFAULTS);

        int masCalls = 0, masAsked = 0, methane = 0;
        for (RecordedEvent e : s.node().log().listRange(r.firstSequence() - 1, r.lastSequence())) {
            switch (e.event()) {
                case Event.IncidentCreated c
                when c.incident().organisation().value().equals("MAS") -> masCalls++;
                case Event.AidRequested a when a.request().requester().value().equals("MAS") -> masAsked++;
                case Event.MethaneReportFiled m when m.majorIncident().value().equals(MI) -> methane++;
                default -> {}
            }
        }
        assertThat(masCalls).as("this test's own calls at least").isGreaterThanOrEqualTo(2);
        assertThat(r.demand().stream()
                        .filter(d -> d.organisation().value().equals("MAS"))
                        .mapToInt(Sitrep.Demand::calls)
                        .sum())
                .isEqualTo(masCalls);
        assertThat(r.aid().stream()
                        .filter(a -> a.requester().value().equals("MAS"))
                        .mapToInt(Sitrep.Aid::asked)
                        .sum())
                .isEqualTo(masAsked)
                .isPositive();
        assertThat(methane).isEqualTo(3);
        assertThat(r.majorIncidents()).anySatisfy(m -> {
            assertThat(m.id()).isEqualTo(MI);
            assertThat(m.methaneReports()).isEqualTo(3);
        });
        assertThat(r.escalations()).anySatisfy(l -> {
            assertThat(l.organisation().value()).isEqualTo("MAS");
            assertThat(l.to()).isEqualTo(3);
            assertThat(l.reason()).isEqualTo("major incident and walkout: severe pressure");
        });
    }
}
