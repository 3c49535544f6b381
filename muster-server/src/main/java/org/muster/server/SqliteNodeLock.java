package org.muster.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.muster.domain.ConflictException;

/**
 * A node's hold on an SQLite store: SQLite is single-node, with no writer lease, so a second node on the same
 * file (in this process or another) is refused rather than left to write beside the first. An exclusive lock
 * on a file beside the database, which the operating system lets go when the process dies, so a crashed node
 * leaves nothing to clean up. Tools that read the store ({@code muster audit}, {@code archive}) do not take it.
 */
final class SqliteNodeLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteNodeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the store {@code database}.
     *
     * @throws ConflictException when another node holds it, saying that SQLite is single-node
     */
    static SqliteNodeLock take(Path database) {
        Path file = database.resolveSibling(database.getFileName() + ".node-lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) return new SqliteNodeLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            // held by another node in this process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot lock " + file + " to open the SQLite store: " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new ConflictException("the SQLite store " + database + " is already open by another Muster node: SQLite"
                + " is single-node (no standby); run several nodes on a shared PostgreSQL instead (docs/standby.md)");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below lets it go as well
        }
        closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "SqliteNodeLock[" + file + "]";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held through it any more
        }
    }
}
