package org.muster.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.muster.domain.InvalidInputException;

/**
 * Where the event log lives, named by one URL:
 *
 * <ul>
 *   <li>{@code sqlite:/path/to/muster.db} — the embedded default, one file (its folder is created when
 *       missing); {@code jdbc:sqlite:/path/to/muster.db} is read the same way.
 *   <li>{@code jdbc:postgresql://host[:port]/database[?user=..&password=..]} — a PostgreSQL server;
 *       credentials may also be given with {@link #withCredentials}.
 * </ul>
 *
 * @param url the URL, as parsed (an SQLite URL in its {@code sqlite:} form)
 * @param user the PostgreSQL user, when not given in the URL
 * @param password the PostgreSQL password, when not given in the URL; never shown by {@link #toString()}
 * @param maxPoolSize the most connections held open to PostgreSQL, or for SQLite's readers
 */
public record StoreConfig(String url, Optional<String> user, Optional<String> password, int maxPoolSize) {
    public static final int DEFAULT_MAX_POOL_SIZE = 8;

    private static final String FIELD = "store.url";
    private static final String ALLOWED =
            "must be sqlite:/path/to/file.db or jdbc:postgresql://host[:port]/database[?user=..&password=..]";
    private static final String SQLITE = "sqlite:";
    private static final String JDBC_SQLITE = "jdbc:sqlite:";
    private static final Pattern POSTGRESQL = Pattern.compile("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&]*");

    /** The kinds of storage the log can live in. */
    public enum Backend {
        SQLITE,
        POSTGRESQL
    }

    public StoreConfig {
        url = normalise(url);
        if (user.isPresent() || password.isPresent()) {
            if (backendOf(url) != Backend.POSTGRESQL)
                throw InvalidInputException.of("store.user", user.orElse(""), "is only for PostgreSQL");
        }
        if (maxPoolSize < 1 || maxPoolSize > 100)
            throw InvalidInputException.of("store.maxPoolSize", maxPoolSize, "must be between 1 and 100");
    }

    /**
     * Reads a store URL.
     *
     * @throws InvalidInputException naming {@code store.url}, the value (password hidden) and the forms
     *     allowed, when the URL is neither
     */
    public static StoreConfig parse(String url) {
        return new StoreConfig(url, Optional.empty(), Optional.empty(), DEFAULT_MAX_POOL_SIZE);
    }

    public static StoreConfig sqlite(Path file) {
        return parse(SQLITE + file.toAbsolutePath());
    }

    public Backend backend() {
        return backendOf(url);
    }

    /** The SQLite database file, when the backend is SQLite. */
    public Optional<Path> findSqliteFile() {
        return backend() == Backend.SQLITE ? Optional.of(Path.of(url.substring(SQLITE.length()))) : Optional.empty();
    }

    /** The URL to hand to the JDBC driver. */
    public String jdbcUrl() {
        return backend() == Backend.SQLITE ? "jdbc:" + url : url;
    }

    /** A copy that logs in to PostgreSQL as {@code user}. */
    public StoreConfig withCredentials(String user, String password) {
        return new StoreConfig(url, Optional.of(user), Optional.of(password), maxPoolSize);
    }

    public StoreConfig withMaxPoolSize(int size) {
        return new StoreConfig(url, user, password, size);
    }

    /** The URL with any password replaced by {@code ***}, for messages and logs. */
    public String redactedUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "StoreConfig[" + redactedUrl() + user.map(u -> ", user=" + u).orElse("")
                + password.map(p -> ", password=***").orElse("") + ", maxPoolSize=" + maxPoolSize + "]";
    }

    private static String normalise(String url) {
        if (url == null) throw InvalidInputException.of(FIELD, null, ALLOWED);
        String text = url.strip();
        if (text.startsWith(JDBC_SQLITE)) text = SQLITE + text.substring(JDBC_SQLITE.length());
        if (text.startsWith(SQLITE)) {
            checkSqliteFile(text.substring(SQLITE.length()));
            return text;
        }
        if (POSTGRESQL.matcher(text).matches()) return text;
        throw InvalidInputException.of(FIELD, redact(text), ALLOWED);
    }

    private static void checkSqliteFile(String file) {
        if (file.isBlank() || file.startsWith(":") || file.startsWith("file:")) {
            // ":memory:" and URI forms would give a log that is not one durable file.
            throw InvalidInputException.of(FIELD, SQLITE + file, "must name a database file: " + ALLOWED);
        }
        try {
            Path path = Path.of(file);
            if (path.getFileName() == null || file.endsWith("/"))
                throw InvalidInputException.of(FIELD, SQLITE + file, "must name a file, not a folder: " + ALLOWED);
        } catch (InvalidPathException e) {
            throw InvalidInputException.of(
                    FIELD, SQLITE + file, "must be a valid file path (" + e.getReason() + "): " + ALLOWED);
        }
    }

    private static Backend backendOf(String normalisedUrl) {
        return normalisedUrl.startsWith(SQLITE) ? Backend.SQLITE : Backend.POSTGRESQL;
    }

    private static String redact(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
    }
}
