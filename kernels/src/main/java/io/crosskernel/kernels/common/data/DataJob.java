package io.crosskernel.kernels.common.data;

/**
 * A unit of real data work a storage kernel runs on request (compress, checksum, encrypt). Each job owns its
 * preallocated output buffer and reusable JDK state, so a call does not allocate where the JDK allows it.
 *
 * <p>Threading: an instance is owned by one thread. {@link #output()} is overwritten by the next {@link #run}.
 */
public interface DataJob {
    /**
     * Processes {@code input[0, length)} into {@link #output()}.
     *
     * @return the number of bytes produced at the start of {@link #output()}
     * @throws IllegalArgumentException if {@code length} exceeds {@link #maxInputLength()}
     */
    int run(byte[] input, int length);

    /** The job's output buffer; valid up to the count the last {@link #run} returned. Not a copy. */
    byte[] output();

    /** The largest input this job was sized for. */
    int maxInputLength();

    /** A short stable name for reports ("compress", "checksum", "encrypt"). */
    String name();
}
