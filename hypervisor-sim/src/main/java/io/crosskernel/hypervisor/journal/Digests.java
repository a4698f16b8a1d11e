package io.crosskernel.hypervisor.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digests the journal writes: cheap 64-bit ones on the kernels' threads, SHA-256 for the scenario text and the
 * final state on the host thread.
 *
 * <p>Stateless; any thread. {@link #mix64} and {@link #fnv1a64} allocate nothing.
 */
public final class Digests {
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private Digests() {
    }

    /** SplitMix64's finaliser: the digest of an envelope's 64-bit payload word. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a 64 of {@code bytes[offset, offset + length)}: the digest of a stored value. */
    public static long fnv1a64(byte[] bytes, int offset, int length) {
        long hash = FNV_OFFSET;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash ^= bytes[i] & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, lower-case hex. Allocates. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
