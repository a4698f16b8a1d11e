package io.crosskernel.kernels.common.data;

import io.crosskernel.api.workload.StageOp;
import java.util.zip.Deflater;

/**
 * The stateless data operations ({@code compress}, {@code checksum}, {@code encrypt}) for one thread: the jobs and an
 * input buffer, allocated once. Any kernel can run these; only {@code put}/{@code get}/{@code delete} need a storage
 * kernel's durable log.
 *
 * <p>Threading: owned by one worker thread. {@link #run} allocates nothing except what AES-GCM forces (see
 * {@link EncryptJob}).
 */
public final class DataJobs implements AutoCloseable {
    private final byte[] input;
    private final CompressJob compress;
    private final ChecksumJob checksum;
    private final EncryptJob encrypt;

    /** @param maxInput the largest {@code size} any stage will ask for */
    public DataJobs(int maxInput) {
        this.input = new byte[Math.max(1, maxInput)];
        this.compress = new CompressJob(input.length, Deflater.DEFAULT_COMPRESSION);
        this.checksum = new ChecksumJob(input.length);
        this.encrypt = EncryptJob.withGeneratedKey(input.length);
    }

    /**
     * Fills {@code size} bytes deterministically from {@code seed} and runs the job on them.
     *
     * @param op a data job ({@link StageOp#isDataJob()})
     *
     * @return the bytes the job produced
     */
    public int run(StageOp op, long seed, int size) {
        ValueFiller.fill(seed, input, size);
        switch (op) {
            case COMPRESS:
                return compress.run(input, size);
            case CHECKSUM:
                return checksum.run(input, size);
            case ENCRYPT:
                return encrypt.run(input, size);
            default:
                throw new IllegalArgumentException("not a data job: " + op);
        }
    }

    @Override
    public void close() {
        compress.close();
    }
}
