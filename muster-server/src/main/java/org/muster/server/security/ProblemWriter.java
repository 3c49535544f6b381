package org.muster.server.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.muster.store.DomainJson;

/** RFC 9457 problem details written by the security filters, before any controller runs. */
public final class ProblemWriter {
    public void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(DomainJson.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
