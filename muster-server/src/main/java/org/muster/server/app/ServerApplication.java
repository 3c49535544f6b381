package org.muster.server.app;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import java.time.Clock;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.server.api.DomainJsonConverter;
import org.muster.server.stream.EventHub;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The Spring application around one {@link MusterNode}. Started through {@link MusterServer}. */
@SpringBootApplication(scanBasePackages = "org.muster.server")
@EnableConfigurationProperties(MusterProperties.class)
public class ServerApplication {
    static {
        // Identifiers are written as bare strings (see DomainJsonConverter); say so in the OpenAPI document.
        for (Class<?> id : IdTypes.ALL) SpringDocUtils.getConfig().replaceWithSchema(id, new StringSchema());
        // Durations are written in seconds as a decimal number (docs/api/README.md), not as ISO-8601 text.
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        java.time.Duration.class,
                        new io.swagger.v3.oas.models.media.NumberSchema()
                                .description("seconds, as a decimal number (an ISO-8601 duration is read too)"));
    }

    @Bean(destroyMethod = "close")
    MusterNode musterNode(
            MusterProperties settings,
            ObjectProvider<Clock> clock,
            ObjectProvider<org.muster.engine.warning.SurgeBaseline> surgeBaseline) {
        // the demo supplies its demand model as the surge baseline, and its scaled clock
        return MusterNode.start(
                settings,
                clock.getIfAvailable(Clock::systemUTC),
                surgeBaseline.getIfAvailable(org.muster.engine.warning.SurgeBaseline::none));
    }

    @Bean(destroyMethod = "close")
    EventHub eventHub(MusterNode node) {
        return new EventHub(node);
    }

    /** Broken request envelopes are refused first, before the security chain or the framework reads them. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<org.muster.server.security.MalformedRequests>
            malformedRequests() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new org.muster.server.security.MalformedRequests());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** A request with an Idempotency-Key keeps its body, which the key names with it (IdempotentRequests). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<org.muster.server.api.IdempotentRequests>
            idempotentRequests() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new org.muster.server.api.IdempotentRequests());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** CONNECT is refused as the client's error, before Tomcat's own 501 (see {@link RefuseConnect}). */
    @Bean
    org.springframework.boot.tomcat.TomcatConnectorCustomizer refuseConnect() {
        return RefuseConnect.customizer();
    }

    /**
     * An encoded slash ({@code %2F}) in a path is passed on still encoded, for the security filters' firewall
     * to refuse as a problem naming the path ({@code RejectedPaths}); Tomcat's own refusal is an HTML page.
     */
    @Bean
    org.springframework.boot.tomcat.TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    @Bean
    DomainJsonConverter domainJsonConverter() {
        return new DomainJsonConverter();
    }

    @Bean
    OpenAPI musterOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Muster API")
                        .version("v1")
                        .description("Command, dispatch and resilience for emergency services. Errors are RFC 9457"
                                + " problem details. Sign in with a session (dashboard) or an API token"
                                + " (Authorization: Bearer mst_...). Identifiers are strings; times ISO-8601."));
    }
}
