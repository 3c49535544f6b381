package org.muster.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.muster.domain.InvalidInputException;

/**
 * The chain's head kept in a file, where an operator can put it out of the database's reach (another disk,
 * a host that copies it away). The file is one line: {@code sequence hash}.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /**
     * Replaces the file with {@code head}, atomically: a reader (or a crash) sees the old head or the new
     * one, never half a line. The new file is forced to disk before it is moved into place.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, ChainHead head) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        byte[] line = (head.sequence() + " " + head.hash() + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(absolute.getParent());
            try (FileChannel out = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(line));
                out.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * The head in {@code file}; empty when there is no such file yet (a new log).
     *
     * @throws InvalidInputException when the file is not a checkpoint
     * @throws UncheckedIOException when it cannot be read
     */
    public static Optional<ChainHead> find(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint " + file + ": " + e.getMessage(), e);
        }
        String[] parts = text.split(" ", -1);
        try {
            long sequence = Long.parseLong(parts[0]);
            return Optional.of(new ChainHead(sequence, parts.length > 1 ? parts[1] : ""));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("checkpoint", file, "must hold one line 'sequence hash': " + e.getMessage());
        }
    }

    /** As {@link #find}, but a missing file is an error: an auditor named it, so it must be there. */
    public static ChainHead read(Path file) {
        return find(file).orElseThrow(() -> InvalidInputException.of("checkpoint", file, "must be an existing file"));
    }
}
