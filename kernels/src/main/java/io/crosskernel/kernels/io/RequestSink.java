package io.crosskernel.kernels.io;

/**
 * Where an ingress hands each request it decoded from the network: the request id, the clock time it was received,
 * and a compact view of its payload (its length and its first eight bytes, see {@link #offer}).
 *
 * <p>Threading: called only by the thread that polls the ingress (the I/O kernel's dispatching worker). An
 * implementation must not block, allocate or keep references: every argument is a primitive, so there is nothing to
 * keep.
 */
@FunctionalInterface
public interface RequestSink {
    /**
     * Offers one request.
     *
     * @param requestId     the 8-byte id the client put at the start of the datagram or frame
     * @param receivedNanos time the ingress received it, read from the ingress's injected clock
     * @param payloadLength number of payload bytes after the request id (0 or more)
     * @param payloadHead   the first {@code min(8, payloadLength)} payload bytes as a big-endian long, zero-padded on
     *                      the right: a payload of exactly eight bytes is that long; an empty payload is 0
     * @return {@code true} if the request was taken; {@code false} if it was refused (the sink is full), in which case
     *         the caller counts a drop and forgets the request
     */
    boolean offer(long requestId, long receivedNanos, int payloadLength, long payloadHead);
}
