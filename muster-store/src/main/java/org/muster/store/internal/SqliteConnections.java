package org.muster.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.muster.domain.TransientException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file: a single writer connection, guarded by a lock, and a small pool of readers.
 *
 * <p>The writer runs in WAL mode with {@code synchronous=FULL}: a commit returns only after the WAL is
 * synced, so a committed transaction survives SIGKILL and power loss. WAL lets the readers go on while the
 * writer commits. Write transactions begin {@code IMMEDIATE}, taking the write lock at once, so a second
 * process on the same file waits (or fails) instead of interleaving. The WAL is copied back into the
 * database file by the writer between two commits every few hundred, not by the commit that fills it, and by a
 * thread of its own when the store is quiet ({@link WalCheckpointer}). A reader that holds one transaction a long
 * time (an audit of a long log) keeps the WAL from starting over, and it grows meanwhile; when it next starts over,
 * the file is cut back to {@link #WAL_SIZE_LIMIT_BYTES} rather than kept at the size it reached.
 */
final class SqliteConnections implements Connections {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /**
     * Pages of the writer's cache (negative: KiB), 64 MiB: the closed incidents' index pages are found by id all
     * over the file, and a page missing from the cache is a read in the middle of the commit.
     */
    private static final int WRITER_CACHE_KIB = 64 * 1024;

    /**
     * The WAL file's size left on disk each time it starts over: above what steady writing fills between two of the
     * writer's checkpoints (about 16 MB under {@code bench store}), so it is cut back only after a long reader let
     * it grow.
     */
    static final long WAL_SIZE_LIMIT_BYTES = 64L << 20;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final HikariDataSource readers;
    private final WalCheckpointer checkpointer;

    private SqliteConnections(Connection writer, HikariDataSource readers, WalCheckpointer checkpointer) {
        this.writer = writer;
        this.readers = readers;
        this.checkpointer = checkpointer;
    }

    static SqliteConnections open(Path file, int maxReaders) {
        return open(file, maxReaders, WAL_SIZE_LIMIT_BYTES);
    }

    /** As {@link #open(Path, int)}, the WAL cut back to {@code walSizeLimitBytes} when it starts over. */
    static SqliteConnections open(Path file, int maxReaders, long walSizeLimitBytes) {
        createFolder(file);
        String url = "jdbc:sqlite:" + file;
        SQLiteDataSource writing = new SQLiteDataSource(writerConfig());
        writing.setUrl(url);
        Migrations.migrate(writing, Dialect.SQLITE);
        Connection writer;
        Connection checkpointing;
        try {
            writer = writing.getConnection();
        } catch (SQLException e) {
            throw new TransientException("cannot open the SQLite log " + file + ": " + e.getMessage(), e);
        }
        try {
            try (Statement pragmas = writer.createStatement()) {
                pragmas.execute("PRAGMA wal_autocheckpoint = 0");
                pragmas.execute("PRAGMA journal_size_limit = " + walSizeLimitBytes);
                pragmas.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            }
            checkpointing = writing.getConnection();
        } catch (SQLException e) {
            closeQuietly(writer, e);
            throw new TransientException("cannot open the SQLite log " + file + ": " + e.getMessage(), e);
        }
        try {
            return new SqliteConnections(writer, readerPool(url, maxReaders), new WalCheckpointer(checkpointing));
        } catch (RuntimeException e) {
            closeQuietly(writer, e);
            closeQuietly(checkpointing, e);
            throw e;
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        writeLock.lock();
        try {
            T result = Connections.inTransaction(writer, work);
            checkpointer.committed(writer);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        try (Connection reader = readers.getConnection()) {
            return work.run(reader);
        }
    }

    /** A pragma's value on the writer connection, for tests that check durability settings. */
    String writerPragma(String name) throws SQLException {
        writeLock.lock();
        try (PreparedStatement query = writer.prepareStatement("PRAGMA " + name);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getString(1);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        checkpointer.close();
        readers.close();
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            // Everything committed is already durable; a failed close loses nothing.
        } finally {
            writeLock.unlock();
        }
    }

    private static SQLiteConfig writerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config;
    }

    private static HikariDataSource readerPool(String url, int maxReaders) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource reading = new SQLiteDataSource(config);
        reading.setUrl(url);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(reading);
        pool.setPoolName("muster-store-sqlite-readers");
        pool.setMaximumPoolSize(maxReaders);
        pool.setMinimumIdle(1);
        return new HikariDataSource(pool);
    }

    private static void createFolder(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new TransientException("cannot create the folder " + folder + " for the SQLite log", e);
        }
    }

    private static void closeQuietly(Connection connection, Throwable cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
