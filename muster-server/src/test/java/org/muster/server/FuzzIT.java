package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed or random requests from a seeded generator: random methods, paths, ids, query
 * strings, headers and bodies that are each broken in at least one way a parser must catch. None may
 * get a 5xx, and none may change the state.
 */
class FuzzIT {
    private static final int REQUESTS = 10_000;
    private static final long SEED = 20261122L;

    private final TestServer s = SharedServer.get();

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> PATHS = List.of(
            "/api/v1/organisations",
            "/api/v1/zones",
            "/api/v1/zones/{id}",
            "/api/v1/zones/{id}/level",
            "/api/v1/zones/{id}/safe-minimums/{id}",
            "/api/v1/stations",
            "/api/v1/units",
            "/api/v1/units/{id}",
            "/api/v1/units/{id}/status",
            "/api/v1/units/{id}/position",
            "/api/v1/incidents",
            "/api/v1/incidents/{id}",
            "/api/v1/incidents/{id}/recommendation",
            "/api/v1/incidents/{id}/assignments",
            "/api/v1/incidents/{id}/assignments/{id}",
            "/api/v1/incidents/{id}/dispatch-recommended",
            "/api/v1/incidents/{id}/close",
            "/api/v1/incidents/{id}/cancel",
            "/api/v1/incidents/{id}/clearance",
            "/api/v1/queue",
            "/api/v1/capacity",
            "/api/v1/kpis",
            "/api/v1/coverage",
            "/api/v1/alerts",
            "/api/v1/alerts/{id}",
            "/api/v1/alerts/{id}/accept",
            "/api/v1/alerts/{id}/dismiss",
            "/api/v1/incidents/{id}/eido",
            "/api/v1/eido",
            "/api/v1/aid/edxl-rm",
            "/api/v1/aid/requests/{id}/edxl-rm",
            "/api/v1/incidents/{id}/handover",
            "/api/v1/incidents/{id}/handover/status",
            "/api/v1/cap/alerts",
            "/api/v1/cap/alerts/{id}",
            "/api/v1/cap/alerts/{id}/cancel",
            "/api/v1/cap/feed.atom",
            "/api/v1/audit/verify",
            "/api/v1/audit/events",
            "/api/v1/history",
            "/api/v1/commands",
            "/api/v1/major-incidents",
            "/api/v1/major-incidents/{id}",
            "/api/v1/major-incidents/{id}/methane",
            "/api/v1/major-incidents/{id}/casualties",
            "/api/v1/major-incidents/{id}/stand-down",
            "/api/v1/national",
            "/api/v1/organisations/{id}/escalation",
            "/api/v1/me",
            "/api/v1/{id}",
            "/{id}",
            "/actuator/{id}");
    private static final List<String> BODIES = List.of(
            "{\"eidoVersion\":\"1.0\",\"issuingElementIdentification\":\"x\",\"agencyComponent\":[]}",
            "{\"organisation\":\"MAS\",\"content\":{\"headline\":\"h\",\"description\":\"\",\"advice\":\"MONITOR\","
                    + "\"severity\":\"MINOR\",\"area\":{\"description\":\"a\",\"zones\":[],\"polygon\":[]}}}",
            "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":52.6,\"lon\":-1.2}}",
            "{\"unit\":\"MAS-U00001\",\"role\":\"PRIMARY\"}",
            "{\"status\":\"EN_ROUTE\"}",
            "{\"point\":{\"lat\":52.6,\"lon\":-1.2}}",
            "{\"level\":\"CLOSED\",\"reason\":\"x\",\"rendezvous\":{\"lat\":52.6,\"lon\":-1.2}}",
            "{\"minimum\":2}",
            "{\"reason\":\"because\"}",
            "{\"type\":\"CloseIncident\",\"command\":{\"incident\":\"I-1\"}}",
            "{\"type\":\"RegisterOrganisation\",\"command\":{\"id\":\"X\",\"name\":\"X\",\"agency\":\"POLICE\"}}");

    @Test
    void ten_thousand_bad_requests_no_5xx_and_no_change() throws Exception {
        SplittableRandom seeds = new SplittableRandom(SEED);
        List<String> ids = knownIds();
        long before = s.node().engine().state().sequence();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                SplittableRandom random = seeds.split();
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS / 4; i++) {
                        HttpRequest req = randomRequest(random, ids);
                        try {
                            HttpResponse<String> r = s.http().send(req, HttpResponse.BodyHandlers.ofString());
                            byStatus.computeIfAbsent(r.statusCode(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            if (r.statusCode() >= 500)
                                failures.add(req.method() + " " + req.uri() + " -> " + r.statusCode() + " " + r.body());
                        } catch (java.io.IOException e) {
                            failures.add(req.method() + " " + req.uri() + " -> " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        }
        System.out.println("fuzz answers by status: " + new TreeMap<>(byStatus));
        assertThat(failures).as("requests answered 5xx or not at all").isEmpty();
        assertThat(byStatus.values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(REQUESTS);
        // Muster's own alerts (capacity, status limits) may follow earlier tests' events at their own pace;
        // nothing a request asked for may have changed anything
        var after = s.node().log().listRange(before, s.node().engine().state().sequence());
        System.out.println("events while fuzzing: "
                + after.stream().map(e -> e.actor() + " " + e.event()).toList());
        List<String> byRequests = s.loggedByUsersSince(before).stream()
                .map(e -> e.actor() + " " + e.event())
                .toList();
        assertThat(byRequests).as("nothing changed").isEmpty();
        assertThat(byStatus.keySet()).contains(400, 404);
    }

    /**
     * The malformed requests a careless client or an attacker sends that an HTTP client library will not:
     * broken percent-encoding, wildcard and boundary-less content types, methods nobody serves. Each is
     * written on a raw socket and must get a 4xx, never a 5xx, and change nothing.
     */
    @Test
    void malformed_http_is_a_4xx_not_a_5xx() throws Exception {
        String token = TestServer.tokenOf("admin", "*");
        String incident = "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":52.6,\"lon\":-1.2}}";
        List<String[]> requests = List.of(
                new String[] {"GET", "/api/v1/incidents?a=%", null, null},
                new String[] {"GET", "/api/v1/kpis?window=%zz", null, null},
                new String[] {"GET", "/api/v1/units/%E0%A4%A", null, null},
                new String[] {"POST", "/api/v1/incidents", "*/*", incident},
                new String[] {"POST", "/api/v1/incidents", "multipart/form-data", incident},
                new String[] {"POST", "/api/v1/incidents", "application/json; charset=bogus", incident},
                new String[] {"POST", "/api/v1/incidents", "no-slash", incident},
                new String[] {"TRACE", "/api/v1/incidents", null, null},
                new String[] {"PROPFIND", "/api/v1/incidents", null, null},
                new String[] {"BREW", "/api/v1/incidents", null, null});
        long before = s.node().engine().state().sequence();
        List<String> answers = new ArrayList<>();
        for (String[] q : requests) {
            int status = rawStatus(q[0], q[1], token, q[2], q[3]);
            answers.add(q[0] + " " + q[1] + " " + (q[2] == null ? "" : q[2]) + " -> " + status);
        }
        assertThat(answers)
                .as("every malformed request is the client's error")
                .allSatisfy(a -> assertThat(Integer.parseInt(a.substring(a.lastIndexOf(' ') + 1)))
                        .isBetween(400, 499));
        // CONNECT, which Tomcat would refuse itself with a 501, is refused like any method served nowhere
        assertThat(rawStatus("CONNECT", "/api/v1/incidents", token, null, null)).isEqualTo(405);
        assertThat(rawStatus("CONNECT", "127.0.0.1:443", token, null, null)).isEqualTo(405);
        // and the connection goes on serving
        assertThat(rawStatus("GET", "/api/v1/units", token, null, null)).isEqualTo(200);
        assertThat(s.loggedByUsersSince(before)).isEmpty();
    }

    /**
     * Paths the security filters' firewall refuses before any controller runs (an empty segment, a
     * dot segment, an encoded slash or semicolon): a 400 problem naming the path, like every other refusal.
     */
    @Test
    void a_path_the_firewall_refuses_is_a_problem_naming_it() throws Exception {
        String token = TestServer.tokenOf("supervisor", "MAS");
        for (String path : List.of(
                "/api/v1/aid/requests/R1/offers//accept",
                "/api/v1/units/./MAS-1",
                "/api/v1/units/a%2F..%2Fb",
                "/api/v1/units;jsessionid=1")) {
            String answer = rawAnswer("POST", path, token, "application/json", "{}", true);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400 ");
            assertThat(answer).as(path).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).as(path).contains("\"status\":400").contains("not allowed in a Muster path");
        }
    }

    private int rawStatus(String method, String path, String token, String contentType, String body)
            throws java.io.IOException {
        String status = rawAnswer(method, path, token, contentType, body, false);
        assertThat(status).as(method + " " + path).startsWith("HTTP/1.1 ");
        return Integer.parseInt(status.substring(9, 12));
    }

    /** The answer to a request written by hand: its status line, or all of it, head and body. */
    private String rawAnswer(String method, String path, String token, String contentType, String body, boolean whole)
            throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.uri("").getPort())) {
            socket.setSoTimeout(30_000);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\n")
                    .append("Authorization: Bearer ")
                    .append(token)
                    .append("\r\n")
                    .append("Connection: close\r\n");
            if (contentType != null)
                head.append("Content-Type: ").append(contentType).append("\r\n");
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            var in = socket.getInputStream();
            return whole
                    ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    : new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.US_ASCII))
                            .readLine();
        }
    }

    private List<String> knownIds() {
        var state = s.node().engine().state();
        List<String> ids = new ArrayList<>();
        state.incidents().keySet().stream().limit(5).forEach(i -> ids.add(i.value()));
        state.units().keySet().stream().limit(5).forEach(u -> ids.add(u.value()));
        state.zones().keySet().stream().limit(5).forEach(z -> ids.add(z.value()));
        ids.addAll(List.of("DOUBLE_CREWED_AMBULANCE", "MAS", "prometheus", "health"));
        return ids;
    }

    private static final String[] TOKENS = {
        TestServer.tokenOf("admin", "*"),
        TestServer.tokenOf("supervisor", "MAS"),
        TestServer.tokenOf("dispatcher", "WSP"),
        TestServer.tokenOf("viewer", "MAS"),
        "mst_forged",
        ""
    };

    private HttpRequest randomRequest(SplittableRandom r, List<String> ids) {
        String path = PATHS.get(r.nextInt(PATHS.size()));
        // mostly the method the path takes, so that most requests get as far as parsing and checking
        String method = r.nextInt(4) == 0 ? METHODS.get(r.nextInt(METHODS.size())) : methodOf(path);
        while (path.contains("{id}")) path = path.replaceFirst("\\{id}", segment(r, ids));
        if (r.nextInt(3) == 0) path += "?" + query(r);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(s.uri("").toString() + path)).timeout(Duration.ofSeconds(30));
        String token = TOKENS[r.nextInt(TOKENS.length)];
        if (!token.isEmpty()) b.header("Authorization", "Bearer " + token);
        if (r.nextInt(5) == 0) b.header("Idempotency-Key", randomAscii(r, r.nextInt(1, 300)));
        if (r.nextInt(8) == 0) b.header("Last-Event-ID", randomAscii(r, 8));
        boolean writes = !method.equals("GET") && !method.equals("OPTIONS");
        String contentType = switch (r.nextInt(6)) {
            case 0 -> "text/plain";
            case 1 -> "application/xml";
            default -> "application/json";
        };
        b.header("Content-Type", contentType);
        if (writes || r.nextInt(4) == 0) {
            b.method(method, HttpRequest.BodyPublishers.ofString(brokenBody(r)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static String methodOf(String path) {
        if (path.endsWith("/level") || path.contains("/safe-minimums/")) return "PUT";
        if (path.endsWith("/assignments/{id}")) return "DELETE";
        if (path.matches(".*/(status|position|assignments|dispatch-recommended|close|cancel|clearance|accept|dismiss)$")
                || path.equals("/api/v1/incidents")
                || path.equals("/api/v1/commands")) return "POST";
        return "GET";
    }

    /** A path segment: a known id (so that deep code runs), garbage, or something long. */
    private static String segment(SplittableRandom r, List<String> ids) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> ids.get(r.nextInt(ids.size()));
            case 2 -> URLEncoder.encode(randomText(r, r.nextInt(1, 20)), StandardCharsets.UTF_8);
            case 3 -> "x".repeat(r.nextInt(60, 400));
            default -> Integer.toString(r.nextInt(-5, 100000));
        };
    }

    private static String query(SplittableRandom r) {
        String[] names = {"all", "status", "window", "after", "limit", "at", "x"};
        String[] values = {"true", "maybe", "-1", "99999999999999999999", "EN_ROUTE", "DAY", "2026-13-40", "", "%"};
        String name = names[r.nextInt(names.length)];
        String value = values[r.nextInt(values.length)];
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A body broken in at least one way: unknown field, cut short, wrong type, nonsense, or too deep. */
    private static String brokenBody(SplittableRandom r) {
        String base = BODIES.get(r.nextInt(BODIES.size()));
        return switch (r.nextInt(7)) {
            case 0 -> base.substring(0, base.length() - 1) + ",\"unexpected\":" + r.nextInt() + "}";
            case 1 -> base.substring(0, r.nextInt(1, base.length() - 1));
            case 2 -> base.replaceFirst(":\"[^\"]*\"", ":" + r.nextInt()).replaceFirst("}$", ",\"zz\":0}");
            case 3 ->
                base.replaceFirst(
                                "\\d+\\.\\d+", java.util.regex.Matcher.quoteReplacement("\"" + randomText(r, 5) + "\""))
                        .replace("}", ",\"zz\":1}");
            case 4 -> "~" + randomText(r, r.nextInt(0, 200));
            case 5 -> "[".repeat(r.nextInt(1, 3000));
            default -> "{\"organisation\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + ",\"bogus\":true}";
        };
    }

    private static String randomAscii(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) r.nextInt(0x21, 0x7f));
        return b.toString();
    }

    private static String randomText(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(6) == 0 ? r.nextInt(0x20, 0x3000) : r.nextInt(0x20, 0x7f);
            if (Character.isSurrogate((char) c)) c = 'x';
            b.append((char) c);
        }
        return b.toString();
    }
}
