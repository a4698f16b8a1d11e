package io.crosskernel.kernels.common.data;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptJobTest {
    private static SecretKey newKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    private static byte[] decrypt(SecretKey key, byte[] iv, byte[] sealed, int length) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(sealed, 0, length);
    }

    @Test
    void decryptsWithTheSameKeyAndIv() throws Exception {
        SecretKey key = newKey();
        EncryptJob job = new EncryptJob(key, 1024, new SecureRandom());
        byte[] plain = "a storage record worth protecting".getBytes();

        int n = job.run(plain, plain.length);
        assertThat(n).isEqualTo(plain.length + EncryptJob.TAG_LENGTH);
        assertThat(Arrays.copyOf(job.output(), plain.length)).isNotEqualTo(plain);
        byte[] iv = new byte[EncryptJob.IV_LENGTH];
        job.lastIv(iv);
        assertThat(decrypt(key, iv, job.output(), n)).isEqualTo(plain);
    }

    @Test
    void failsAuthenticationWhenAnyBitOfCiphertextOrTagIsFlipped() throws Exception {
        SecretKey key = newKey();
        EncryptJob job = new EncryptJob(key, 64, new SecureRandom());
        byte[] plain = new byte[40];
        Arrays.fill(plain, (byte) 3);
        int n = job.run(plain, plain.length);
        byte[] iv = new byte[EncryptJob.IV_LENGTH];
        job.lastIv(iv);

        for (int position : new int[] {0, plain.length - 1, plain.length, n - 1}) {
            byte[] tampered = Arrays.copyOf(job.output(), n);
            tampered[position] ^= 0x01;
            assertThatThrownBy(() -> decrypt(key, iv, tampered, n)).isInstanceOf(AEADBadTagException.class);
        }
        // a wrong IV fails too
        byte[] otherIv = iv.clone();
        otherIv[EncryptJob.IV_LENGTH - 1] ^= 1;
        assertThatThrownBy(() -> decrypt(key, otherIv, job.output(), n)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void neverRepeatsAnIvOverManyCalls() {
        EncryptJob job = EncryptJob.withGeneratedKey(16);
        byte[] input = new byte[16];
        byte[] iv = new byte[EncryptJob.IV_LENGTH];
        Set<ByteBuffer> seen = new HashSet<>();
        int calls = 20_000;
        for (int i = 0; i < calls; i++) {
            job.run(input, input.length);
            job.lastIv(iv);
            assertThat(seen.add(ByteBuffer.wrap(iv.clone()))).as("IV of call %d is new", i).isTrue();
        }
        assertThat(job.invocations()).isEqualTo(calls);
    }

    @Test
    void sameInputEncryptsDifferentlyEachCall() throws Exception {
        SecretKey key = newKey();
        EncryptJob job = new EncryptJob(key, 32, new SecureRandom());
        byte[] input = new byte[32];
        int n = job.run(input, input.length);
        byte[] first = Arrays.copyOf(job.output(), n);
        byte[] firstIv = new byte[EncryptJob.IV_LENGTH];
        job.lastIv(firstIv);
        job.run(input, input.length);
        assertThat(Arrays.copyOf(job.output(), n)).isNotEqualTo(first);
        assertThat(decrypt(key, firstIv, first, n)).isEqualTo(input);
    }

    @Test
    void jobsSharingAKeyUseDifferentIvPrefixes() throws Exception {
        SecretKey key = newKey();
        SecureRandom random = new SecureRandom();
        EncryptJob a = new EncryptJob(key, 8, random);
        EncryptJob b = new EncryptJob(key, 8, random);
        byte[] ivA = new byte[EncryptJob.IV_LENGTH];
        byte[] ivB = new byte[EncryptJob.IV_LENGTH];
        a.run(new byte[8], 8);
        b.run(new byte[8], 8);
        a.lastIv(ivA);
        b.lastIv(ivB);
        // same counter, different random prefix (equal with probability 2^-32)
        assertThat(Arrays.copyOfRange(ivA, 4, 12)).isEqualTo(Arrays.copyOfRange(ivB, 4, 12));
        assertThat(ivA).isNotEqualTo(ivB);
    }
}
