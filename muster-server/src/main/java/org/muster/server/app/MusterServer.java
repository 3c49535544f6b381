package org.muster.server.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Muster's HTTP server: the API, the live stream, the dashboard. Settings come from defaults, then
 * the configuration file, then the environment ({@code MUSTER_STORE}, {@code SERVER_PORT}, ...), then the
 * {@code overrides} given here; see README for every key.
 */
public final class MusterServer implements AutoCloseable {
    /** Defaults that make a sensible server; any of them may be overridden by file or environment. */
    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("spring.main.banner-mode", "off"),
            Map.entry("spring.threads.virtual.enabled", "true"),
            Map.entry("server.port", "8080"),
            Map.entry("server.error.whitelabel.enabled", "false"),
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "10s"),
            Map.entry("management.endpoints.web.exposure.include", "health,prometheus"),
            Map.entry("management.endpoint.health.show-details", "never"),
            Map.entry("springdoc.api-docs.path", "/v3/api-docs"),
            Map.entry("springdoc.show-actuator", "false"),
            Map.entry("spring.jmx.enabled", "false"),
            Map.entry("server.compression.enabled", "true"),
            Map.entry(
                    "server.compression.mime-types",
                    "application/json,application/geo+json,application/problem+json,text/html,text/css,"
                            + "application/javascript,text/javascript"));

    private final ConfigurableApplicationContext context;

    private MusterServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param configFile a properties or YAML file, or none
     * @param overrides settings that win over file and environment (the demo's, a test's)
     * @param clock the node's clock; the demo gives a faster one
     */
    public static MusterServer start(Optional<Path> configFile, Map<String, Object> overrides, Optional<Clock> clock) {
        SpringApplication app = application(ServerApplication.class, configFile, overrides);
        app.addInitializers(ctx -> clock.ifPresent(c -> ctx.getBeanFactory().registerSingleton("musterClock", c)));
        try {
            return new MusterServer(app.run());
        } catch (RuntimeException e) {
            throw plainly(e);
        }
    }

    /**
     * The settings a server started with {@code configFile} and {@code overrides} runs on (Muster's defaults, the
     * file, the environment, the overrides), read as {@link #start} reads them, without starting anything: for the
     * command line's tools that work on a service's store as the service does ({@code ./muster project --config}).
     */
    public static MusterProperties settings(Optional<Path> configFile, Map<String, Object> overrides) {
        SpringApplication app = application(SettingsOnly.class, configFile, overrides);
        app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        // a tool's output is its answer: not the validator's greeting
        QUIET_VALIDATOR.setLevel(java.util.logging.Level.WARNING);
        try (ConfigurableApplicationContext context = app.run()) {
            return context.getBean(MusterProperties.class);
        } catch (RuntimeException e) {
            throw plainly(e);
        }
    }

    /** Held, so that the level set on it stays set. */
    private static final java.util.logging.Logger QUIET_VALIDATOR =
            java.util.logging.Logger.getLogger("org.hibernate.validator");

    /** Binds {@code muster.*} and nothing else. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(MusterProperties.class)
    static class SettingsOnly {}

    private static SpringApplication application(
            Class<?> source, Optional<Path> configFile, Map<String, Object> overrides) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication app = new SpringApplication(source);
        Map<String, Object> defaults = new HashMap<>(DEFAULTS);
        configFile.ifPresent(f -> {
            if (!Files.isRegularFile(f))
                throw InvalidInputException.of("--config", f, "must be a readable .properties or .yaml file");
            // read while the environment is prepared, before any initializer runs
            defaults.put("spring.config.additional-location", "file:" + f.toAbsolutePath());
        });
        app.setDefaultProperties(defaults);
        Map<String, Object> props = new HashMap<>(overrides);
        app.addInitializers(ctx -> {
            if (!props.isEmpty()) {
                ctx.getEnvironment()
                        .getPropertySources()
                        .addFirst(new org.springframework.core.env.MapPropertySource("muster-overrides", props));
            }
        });
        return app;
    }

    /**
     * A bad setting surfaces deep inside Spring's bean creation: say it plainly. Muster's own words first,
     * wherever they are (a settings record's check is wrapped in Spring's binding failure), then the binding
     * failure's.
     */
    private static RuntimeException plainly(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.muster.domain.MusterException m) return m;
            if (t instanceof org.muster.store.TamperedLogException tampered) return tampered;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.boot.context.properties.bind.BindException b)
                return InvalidInputException.of(
                        b.getProperty() == null
                                ? "configuration"
                                : b.getProperty().getName().toString(),
                        b.getProperty() == null ? "" : b.getProperty().getValue(),
                        "cannot be read: "
                                + (b.getCause() == null
                                        ? b.getMessage()
                                        : b.getCause().getMessage()));
        }
        return e;
    }

    public MusterNode node() {
        return context.getBean(MusterNode.class);
    }

    /** The live stream's hub: how many clients it has, how far behind the slowest is. */
    public org.muster.server.stream.EventHub stream() {
        return context.getBean(org.muster.server.stream.EventHub.class);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public URI address() {
        return URI.create("http://localhost:" + port());
    }

    /** Blocks until the server is stopped (Ctrl-C). */
    public void awaitStop() throws InterruptedException {
        Object lock = new Object();
        context.addApplicationListener(e -> {
            if (e instanceof org.springframework.context.event.ContextClosedEvent)
                synchronized (lock) {
                    lock.notifyAll();
                }
        });
        synchronized (lock) {
            while (context.isActive()) lock.wait(1000);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
