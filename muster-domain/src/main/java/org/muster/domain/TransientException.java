package org.muster.domain;

import java.util.Objects;
import java.util.Optional;

/** A failure that may pass if the same command is tried again (storage unreachable, writer shutting down). */
public final class TransientException extends MusterException {
    /** Where commands go instead, when this node is not the writer; blank otherwise. */
    private final String writer;

    public TransientException(String message, Throwable cause) {
        super(message, cause);
        this.writer = "";
    }

    public TransientException(String message) {
        super(message);
        this.writer = "";
    }

    private TransientException(String message, String writer) {
        super(message);
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * A command refused because this node is a standby (or lost the writer's lease): the same command, sent to
     * {@code writerUrl}, may be taken. A blank URL when no node holds the lease (a takeover under way).
     */
    public static TransientException notTheWriter(String message, String writerUrl) {
        return new TransientException(message, writerUrl);
    }

    /** The writer's URL, when this refusal came from a node that is not the writer and knows who is. */
    public Optional<String> findWriter() {
        return writer.isBlank() ? Optional.empty() : Optional.of(writer);
    }
}
