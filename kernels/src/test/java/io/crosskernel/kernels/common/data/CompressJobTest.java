package io.crosskernel.kernels.common.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressJobTest {
    private static byte[] inflate(byte[] compressed, int length, int originalLength) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed, 0, length);
            byte[] out = new byte[originalLength];
            int n = 0;
            while (!inflater.finished()) {
                n += inflater.inflate(out, n, out.length - n);
            }
            assertThat(n).isEqualTo(originalLength);
            return out;
        } finally {
            inflater.end();
        }
    }

    @Test
    void roundTripsCompressibleAndIncompressibleInputThroughInflater() throws DataFormatException {
        byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(200).getBytes();
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        try (CompressJob job = new CompressJob(16_384, 6)) {
            int n = job.run(text, text.length);
            assertThat(n).isLessThan(text.length / 10);
            assertThat(inflate(job.output(), n, text.length)).isEqualTo(text);

            int m = job.run(noise, noise.length);
            assertThat(m).isGreaterThan(noise.length - 64); // random data does not shrink
            assertThat(inflate(job.output(), m, noise.length)).isEqualTo(noise);

            // the reused Deflater carries nothing over between calls
            int again = job.run(text, text.length);
            assertThat(again).isEqualTo(n);
            assertThat(job.bytesIn()).isEqualTo(2L * text.length + noise.length);
        }
    }

    @Test
    void worstCaseInputFitsTheBufferForEveryLevel() throws DataFormatException {
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        for (int level = 0; level <= 9; level++) {
            try (CompressJob job = new CompressJob(noise.length, level)) {
                int n = job.run(noise, noise.length);
                assertThat(inflate(job.output(), n, noise.length)).isEqualTo(noise);
            }
        }
    }

    @Test
    void compressesOnlyTheGivenPrefixAndEmptyInput() throws DataFormatException {
        byte[] input = new byte[100];
        Arrays.fill(input, (byte) 9);
        try (CompressJob job = new CompressJob(100, 6)) {
            int n = job.run(input, 40);
            assertThat(inflate(job.output(), n, 40)).isEqualTo(Arrays.copyOf(input, 40));
            int empty = job.run(input, 0);
            assertThat(inflate(job.output(), empty, 0)).isEmpty();
            assertThatThrownBy(() -> job.run(new byte[200], 101)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
