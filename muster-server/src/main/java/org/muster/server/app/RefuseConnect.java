package org.muster.server.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Answers {@code CONNECT} as the client's error (405 with a problem detail), like every other method Muster
 * serves nowhere. Tomcat's own adapter refuses it with 501 before any filter or error page of Muster's runs,
 * so the answer is given one step earlier, in front of that adapter; every other request goes on to it
 * untouched.
 */
final class RefuseConnect implements Adapter {
    /** The methods Muster serves somewhere, as {@code MalformedRequests} lists them. */
    static final String ALLOW = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";

    private final Adapter next;

    private RefuseConnect(Adapter next) {
        this.next = next;
    }

    /** Puts the refusal in front of the connector's adapter once the connector has made it. */
    static TomcatConnectorCustomizer customizer() {
        return (Connector connector) -> connector.addLifecycleListener(event -> {
            if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) {
                var handler = connector.getProtocolHandler();
                if (!(handler.getAdapter() instanceof RefuseConnect))
                    handler.setAdapter(new RefuseConnect(handler.getAdapter()));
            }
        });
    }

    @Override
    public void service(Request req, Response res) throws Exception {
        if (!"CONNECT".equals(req.getMethod())) {
            next.service(req, res);
            return;
        }
        String uri = req.requestURI().toString();
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Method not allowed\",\"status\":405,"
                        + "\"detail\":\"method='CONNECT': must be one of [" + ALLOW + "]\",\"instance\":"
                        + quote(uri) + "}")
                .getBytes(StandardCharsets.UTF_8);
        res.setStatus(405);
        res.setHeader("Allow", ALLOW);
        res.setContentType("application/problem+json");
        res.setContentLength(body.length);
        res.action(ActionCode.COMMIT, null);
        res.doWrite(ByteBuffer.wrap(body));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    @Override
    public boolean prepare(Request req, Response res) throws Exception {
        return next.prepare(req, res);
    }

    @Override
    public boolean asyncDispatch(Request req, Response res, SocketEvent status) throws Exception {
        return next.asyncDispatch(req, res, status);
    }

    @Override
    public void log(Request req, Response res, long time) {
        next.log(req, res, time);
    }

    @Override
    public void checkRecycled(Request req, Response res) {
        next.checkRecycled(req, res);
    }

    @Override
    public String getDomain() {
        return next.getDomain();
    }
}
