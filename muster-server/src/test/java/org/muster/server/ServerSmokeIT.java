package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.muster.store.StoreConfig;

class ServerSmokeIT {
    @Test
    void starts_and_answers() {
        try (TestServer s = TestServer.start(StoreConfig.Backend.SQLITE)) {
            var r = s.get("/api/v1/zones", "viewer", "MAS");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            System.out.println(r.body().substring(0, Math.min(400, r.body().length())));
            var u = s.get("/api/v1/units", "viewer", "MAS");
            System.out.println(u.body().substring(0, Math.min(400, u.body().length())));
            System.out.println(s.send("GET", "/api/v1/units", null, null));
            System.out.println(s.get("/api/v1/nope", "viewer", "MAS"));
            System.out.println(s.get("/v3/api-docs", "viewer", "MAS").body().substring(0, 300));
        }
    }
}
