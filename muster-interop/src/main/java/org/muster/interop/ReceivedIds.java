package org.muster.interop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The id a thing another control room sent is given here, made from the sender's own reference to it: the same
 * reference names the same thing each time it comes in, so a second receipt finds its id in use and the engine
 * refuses it (409), whether the first is still live or long finished, with nothing to look up beside the log.
 * One rule for every standard: an EDXL-RM request or offer from another system ({@code RM-}), an incident
 * handed over as an EIDO ({@code EIDO-}).
 */
public final class ReceivedIds {
    private ReceivedIds() {}

    /**
     * {@code prefix}, a hyphen and the first 16 hex digits (upper case) of the SHA-256 of the reference's parts,
     * each part on a line of its own: 64 bits, an id of at most 64 characters whatever the reference holds.
     */
    public static String of(String prefix, String... reference) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        byte[] digest = sha.digest(String.join("\n", reference).getBytes(StandardCharsets.UTF_8));
        return prefix + "-" + HexFormat.of().formatHex(digest).substring(0, 16).toUpperCase(Locale.ROOT);
    }
}
