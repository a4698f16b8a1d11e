package io.crosskernel.kernels.storage.jobs;

import io.crosskernel.kernels.storage.ValueFiller;
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
    /** Op codes, resolved once from {@link io.crosskernel.api.workload.Stage#op()} so the hot path compares ints. */
    public static final int NOT_A_JOB = -1;
    public static final int COMPRESS = 0;
    public static final int CHECKSUM = 1;
    public static final int ENCRYPT = 2;

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

    /** @return the op code of a stateless data op, or {@link #NOT_A_JOB} */
    public static int opcode(String op) {
        switch (op) {
            case "compress":
                return COMPRESS;
            case "checksum":
                return CHECKSUM;
            case "encrypt":
                return ENCRYPT;
            default:
                return NOT_A_JOB;
        }
    }

    /**
     * Fills {@code size} bytes deterministically from {@code seed} and runs the job on them.
     *
     * @return the bytes the job produced
     */
    public int run(int opcode, long seed, int size) {
        ValueFiller.fill(seed, input, size);
        switch (opcode) {
            case COMPRESS:
                return compress.run(input, size);
            case CHECKSUM:
                return checksum.run(input, size);
            case ENCRYPT:
                return encrypt.run(input, size);
            default:
                throw new IllegalArgumentException("not a data job op code: " + opcode);
        }
    }

    @Override
    public void close() {
        compress.close();
    }
}
