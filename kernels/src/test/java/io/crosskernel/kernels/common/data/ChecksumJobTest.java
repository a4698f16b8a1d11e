package io.crosskernel.kernels.common.data;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumJobTest {
    private final ChecksumJob job = new ChecksumJob(4096);

    @Property(tries = 200)
    void matchesJdkCrc32cOnTheSameBytes(@ForAll @Size(max = 4096) byte[] input) {
        CRC32C reference = new CRC32C();
        reference.update(input, 0, input.length);

        assertThat(job.run(input, input.length)).isEqualTo(4);
        assertThat(job.lastChecksum()).isEqualTo(reference.getValue());
        assertThat(ByteBuffer.wrap(job.output()).getInt() & 0xFFFF_FFFFL).isEqualTo(reference.getValue());
    }

    @Property(tries = 50)
    void checksumsOnlyThePrefixAndDetectsAFlippedBit(@ForAll @Size(min = 2, max = 512) byte[] input) {
        CRC32C reference = new CRC32C();
        reference.update(input, 0, input.length - 1);
        job.run(input, input.length - 1);
        long before = job.lastChecksum();
        assertThat(before).isEqualTo(reference.getValue());

        input[0] ^= 1;
        job.run(input, input.length - 1);
        assertThat(job.lastChecksum()).isNotEqualTo(before); // CRC detects every single-bit error
    }
}
