package io.crosskernel.kernels.common.data;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Encrypts with AES-GCM (128-bit tag) into a preallocated buffer: ciphertext followed by the tag, so a call produces
 * {@code length + 16} bytes. The key is generated once per job (or supplied); the {@link Cipher} is created once.
 *
 * <p>IVs: each call uses a fresh 96-bit IV = a 32-bit random prefix chosen when the job is made, then a 64-bit
 * counter incremented per call. GCM's security depends on never using the same IV twice under one key: a repeated
 * (key, IV) pair produces the same keystream, so XOR-ing the two ciphertexts cancels it and leaks the XOR of the
 * plaintexts, and it also exposes GCM's authentication subkey, letting an attacker forge tags for any message. A
 * counter cannot repeat within one job's 2^64 calls (the job refuses to wrap); the random prefix keeps two jobs that
 * were handed the same key apart with high probability. NIST SP 800-38D also bounds a key to 2^32 invocations with
 * random IVs; with these deterministic IVs the bound is the counter, but keys should still be rotated long before.
 *
 * <p>Allocation: the JDK requires a new {@link GCMParameterSpec} per {@code Cipher.init}, and the provider allocates
 * a little during init, so a call is not allocation-free; the output buffer, IV buffer and Cipher are reused.
 *
 * <p>Threading: one owning thread.
 */
public final class EncryptJob implements DataJob {
    /** Bytes of GCM IV. */
    public static final int IV_LENGTH = 12;
    /** Bytes of GCM authentication tag appended to the ciphertext. */
    public static final int TAG_LENGTH = 16;

    private final SecretKey key;
    private final Cipher cipher;
    private final byte[] iv = new byte[IV_LENGTH];
    private final byte[] output;
    private final int maxInputLength;
    private long counter;

    /** A job with a freshly generated 256-bit AES key that never leaves the job. */
    public static EncryptJob withGeneratedKey(int maxInputLength) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return new EncryptJob(generator.generateKey(), maxInputLength, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key generation unavailable", e);
        }
    }

    /**
     * A job encrypting under {@code key}. Each job draws its own random IV prefix from {@code random}.
     */
    public EncryptJob(SecretKey key, int maxInputLength, SecureRandom random) {
        if (maxInputLength < 0 || maxInputLength > Integer.MAX_VALUE - TAG_LENGTH) {
            throw new IllegalArgumentException("maxInputLength out of range: " + maxInputLength);
        }
        this.key = key;
        this.maxInputLength = maxInputLength;
        this.output = new byte[maxInputLength + TAG_LENGTH];
        int prefix = random.nextInt();
        iv[0] = (byte) (prefix >>> 24);
        iv[1] = (byte) (prefix >>> 16);
        iv[2] = (byte) (prefix >>> 8);
        iv[3] = (byte) prefix;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    }

    /** Encrypts {@code input[0, length)} under the next IV; returns {@code length + 16} (ciphertext then tag). */
    @Override
    public int run(byte[] input, int length) {
        if (length < 0 || length > maxInputLength) {
            throw new IllegalArgumentException("length " + length + " outside [0, " + maxInputLength + "]");
        }
        nextIv();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            return cipher.doFinal(input, 0, length, output, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private void nextIv() {
        if (counter == -1L) {
            throw new IllegalStateException("IV counter exhausted: rotate the key");
        }
        long c = counter++;
        for (int i = 0; i < 8; i++) {
            iv[IV_LENGTH - 1 - i] = (byte) (c >>> (8 * i));
        }
    }

    /** Copies the IV the last {@link #run} used into {@code dst[0, 12)}; the receiver needs it to decrypt. */
    public void lastIv(byte[] dst) {
        System.arraycopy(iv, 0, dst, 0, IV_LENGTH);
    }

    /** Calls made so far (= IVs consumed). */
    public long invocations() {
        return counter;
    }

    @Override
    public byte[] output() {
        return output;
    }

    @Override
    public int maxInputLength() {
        return maxInputLength;
    }

    @Override
    public String name() {
        return "encrypt";
    }
}
