package org.muster.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.store.EventCodec;

/**
 * One row of the events table, as text: what is stored and what the hash covers.
 *
 * <p>The chain: {@code hash(n) = hex(SHA-256(hash(n-1) + "\n" + sequence + "\n" + recorded_at + "\n" +
 * command_id + "\n" + actor + "\n" + reason + "\n" + event_type + "\n" + payload))} over UTF-8, with
 * {@code hash(0) = ""}. Anyone can recompute it from the table with a few lines of SQL and a SHA-256 tool.
 */
record EventRow(
        long sequence,
        String recordedAt,
        String commandId,
        String actor,
        String reason,
        String eventType,
        String payload,
        String prevHash,
        String hash) {

    /** The row for {@code event}, not yet chained: its hashes are empty until {@link #chainedTo}. */
    static EventRow draft(RecordedEvent event) {
        return new EventRow(
                event.sequence(),
                event.at().toString(),
                event.command().value(),
                event.actor().id(),
                event.reason(),
                EventCodec.typeOf(event.event()),
                EventCodec.encode(event.event()),
                "",
                "");
    }

    /** This row as the successor of a row whose hash is {@code prevHash}. */
    EventRow chainedTo(String prevHash) {
        return new EventRow(
                sequence, recordedAt, commandId, actor, reason, eventType, payload, prevHash, expectedHash(prevHash));
    }

    /** The hash this row should carry if it follows a row whose hash is {@code prevHash}. */
    String expectedHash(String prevHash) {
        return chain(prevHash, sequence, recordedAt, commandId, actor, reason, eventType, payload);
    }

    /**
     * The event this row holds.
     *
     * @throws IllegalStateException when the row cannot be read back: the log is damaged
     */
    RecordedEvent toEvent() {
        try {
            return new RecordedEvent(
                    sequence,
                    Instant.parse(recordedAt),
                    CommandId.of(commandId),
                    Actor.of(actor),
                    reason,
                    EventCodec.decode(eventType, payload));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "event " + sequence + " (" + eventType + ") cannot be read back: " + e.getMessage(), e);
        }
    }

    static String chain(
            String prevHash,
            long sequence,
            String recordedAt,
            String commandId,
            String actor,
            String reason,
            String eventType,
            String payload) {
        String text = prevHash + "\n" + sequence + "\n" + recordedAt + "\n" + commandId + "\n" + actor + "\n" + reason
                + "\n" + eventType + "\n" + payload;
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
