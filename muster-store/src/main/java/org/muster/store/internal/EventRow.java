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
 * One row of the events table: what is stored and what the hash covers.
 *
 * <p>The chain: {@code hash(n) = hex(SHA-256(hash(n-1) + "\n" + sequence + "\n" + recorded_at + "\n" +
 * command_id + "\n" + actor + "\n" + reason + "\n" + event_type + "\n" + payload))} over UTF-8, with
 * {@code hash(0) = ""}, {@code hex} lower case and {@code recorded_at} the instant as
 * {@code Instant.toString()} writes it (ISO-8601 in UTC, with 0, 3, 6 or 9 digits of fraction). Anyone can
 * recompute it from the table with a few lines of SQL and a SHA-256 tool.
 *
 * <p>Stored more compactly than the text it hashes (migration V6): {@code recorded_at_nanos} holds the
 * instant as nanoseconds since the epoch, exactly what an {@link Instant} holds, so the text is rebuilt
 * unchanged; {@code hash} holds the 32 bytes the hex spells. Here the hashes stay hex, as the chain and the
 * audit name them; {@link #binary} and {@link #hex} convert at the table.
 *
 * <p>The table keeps no {@code prev_hash} (migration V14): a row's previous hash is the hash of the row
 * before it, or, for the first live row after an archive, the archives table's {@code last_hash}. A row read
 * from the table therefore carries {@code ""} as {@link #prevHash} until a walk gives it its link
 * ({@link #withPrevHash}); drafts and the rows of an archive file carry theirs.
 */
record EventRow(
        long sequence,
        long recordedAtNanos,
        String commandId,
        String actor,
        String reason,
        String eventType,
        String payload,
        String prevHash,
        String hash) {

    /** A row whose time is given as the text the hash covers, as {@link #recordedAt} writes it. */
    EventRow(
            long sequence,
            String recordedAt,
            String commandId,
            String actor,
            String reason,
            String eventType,
            String payload,
            String prevHash,
            String hash) {
        this(sequence, nanos(Instant.parse(recordedAt)), commandId, actor, reason, eventType, payload, prevHash, hash);
    }

    /** The time as the text the hash covers: {@code Instant.toString()} of {@link #recordedAtNanos}. */
    String recordedAt() {
        return instant(recordedAtNanos).toString();
    }

    /** The row for {@code event}, not yet chained: its hashes are empty until {@link #chainedTo}. */
    static EventRow draft(RecordedEvent event) {
        return new EventRow(
                event.sequence(),
                nanos(event.at()),
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
                sequence,
                recordedAtNanos,
                commandId,
                actor,
                reason,
                eventType,
                payload,
                prevHash,
                expectedHash(prevHash));
    }

    /** This row, its stored hash kept, as the successor of a row whose hash is {@code prevHash}. */
    EventRow withPrevHash(String prevHash) {
        return new EventRow(sequence, recordedAtNanos, commandId, actor, reason, eventType, payload, prevHash, hash);
    }

    /** The hash this row should carry if it follows a row whose hash is {@code prevHash}. */
    String expectedHash(String prevHash) {
        return chain(prevHash, sequence, recordedAt(), commandId, actor, reason, eventType, payload);
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
                    instant(recordedAtNanos),
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
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An instant as nanoseconds since the epoch, as {@code recorded_at_nanos} holds it.
     *
     * @throws IllegalArgumentException when the instant lies outside what that holds (1677 to 2262)
     */
    static long nanos(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS_PER_SECOND), at.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "an event's time must lie between 1677 and 2262 to be stored to the nanosecond: " + at, e);
        }
    }

    /** The instant {@code recorded_at_nanos} holds. */
    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** The 32 bytes a hash's hex spells, as the table stores them; none for the chain's start, {@code ""}. */
    static byte[] binary(String hexHash) {
        return HEX.parseHex(hexHash);
    }

    /** A stored hash as the chain names it: lower-case hex of whatever bytes the row holds. */
    static String hex(byte[] storedHash) {
        return HEX.formatHex(storedHash);
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final HexFormat HEX = HexFormat.of();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
