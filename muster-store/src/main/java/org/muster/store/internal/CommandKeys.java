package org.muster.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How {@code events.command_id} holds a command id (migration V13): the two shapes Muster itself gives ids
 * as their bytes behind a tag, anything else as its UTF-8 text. The hash covers the id's text, which
 * {@link #decode} rebuilds exactly.
 *
 * <ul>
 *   <li>a UUID as {@code UUID.toString()} writes it (lower case, 8-4-4-4-12; the API's id for a command
 *       without an Idempotency-Key): byte {@code 0xFF}, then its 16 bytes (17 instead of 36);
 *   <li>{@code api-} and 40 lower-case hex digits (the API's id for a command with an Idempotency-Key):
 *       byte {@code 0xFE}, then the 20 bytes the digits spell (21 instead of 44);
 *   <li>anything else: the id's UTF-8, which never holds the bytes {@code 0xFE} or {@code 0xFF}.
 * </ul>
 *
 * The store's window of recent commands ({@link CommandWindow}) fingerprints the same bytes; the index of
 * command ids that held them until V15 is gone.
 */
final class CommandKeys {
    private static final byte UUID_TAG = (byte) 0xFF;
    private static final byte API_TAG = (byte) 0xFE;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern API_TEXT = Pattern.compile("api-[0-9a-f]{40}");
    private static final HexFormat HEX = HexFormat.of();

    private CommandKeys() {}

    static byte[] encode(String id) {
        if (id.length() == 36 && UUID_TEXT.matcher(id).matches()) {
            return tagged(UUID_TAG, HEX.parseHex(id.replace("-", "")));
        }
        if (id.length() == 44 && API_TEXT.matcher(id).matches()) {
            return tagged(API_TAG, HEX.parseHex(id, 4, 44));
        }
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The id's text. Bytes no id encodes to (a row edited by hand) read as whatever text they spell, so the
     * row's hash no longer matches and the audit names it.
     */
    static String decode(byte[] stored) {
        if (stored.length == 17 && stored[0] == UUID_TAG) {
            String hex = HEX.formatHex(stored, 1, 17);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        }
        if (stored.length == 21 && stored[0] == API_TAG) return "api-" + HEX.formatHex(stored, 1, 21);
        return new String(stored, StandardCharsets.UTF_8);
    }

    private static byte[] tagged(byte tag, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = tag;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }
}
