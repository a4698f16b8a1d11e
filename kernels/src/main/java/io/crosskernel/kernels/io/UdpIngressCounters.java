package io.crosskernel.kernels.io;

import io.crosskernel.api.metrics.SingleWriterCounter;

/**
 * What a {@link UdpIngress} saw. Every datagram received is counted in {@link #datagramsReceived()} and in exactly one
 * of {@link #accepted()}, {@link #dropped()} or {@link #malformed()}.
 *
 * <p>Threading: written only by the thread that polls the ingress; any thread may read. Readers on another thread
 * read each counter separately, so they can momentarily see {@code datagramsReceived} ahead of the other three.
 */
public final class UdpIngressCounters {
    final SingleWriterCounter datagramsReceived = new SingleWriterCounter();
    final SingleWriterCounter accepted = new SingleWriterCounter();
    final SingleWriterCounter dropped = new SingleWriterCounter();
    final SingleWriterCounter malformed = new SingleWriterCounter();
    final SingleWriterCounter bytesReceived = new SingleWriterCounter();

    /** Datagrams taken off the socket. */
    public long datagramsReceived() {
        return datagramsReceived.get();
    }

    /** Datagrams the sink took. */
    public long accepted() {
        return accepted.get();
    }

    /** Well-formed datagrams the sink refused (its ring was full). */
    public long dropped() {
        return dropped.get();
    }

    /** Datagrams shorter than the 8-byte request id. */
    public long malformed() {
        return malformed.get();
    }

    /** UDP payload bytes received, malformed datagrams included. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** {@code accepted + dropped + malformed}: every datagram whose fate is decided. */
    public long accounted() {
        return accepted() + dropped() + malformed();
    }

    @Override
    public String toString() {
        return "UdpIngressCounters{received=" + datagramsReceived() + ", accepted=" + accepted() + ", dropped="
                + dropped() + ", malformed=" + malformed() + ", bytes=" + bytesReceived() + '}';
    }
}
