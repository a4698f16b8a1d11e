package io.crosskernel.kernels.io;

import io.crosskernel.api.metrics.SingleWriterCounter;

/**
 * What a {@link TcpIngress} saw. Every complete, well-formed frame is counted in {@link #framesReceived()} and in
 * exactly one of {@link #framesAccepted()} or {@link #framesDropped()}; every framing violation (length prefix out of
 * range, or a connection that ended inside a frame) is one {@link #protocolErrors()}.
 *
 * <p>Threading: written only by the thread that polls the ingress; any thread may read, one counter at a time.
 */
public final class TcpIngressCounters {
    final SingleWriterCounter connectionsAccepted = new SingleWriterCounter();
    final SingleWriterCounter connectionsRejected = new SingleWriterCounter();
    final SingleWriterCounter connectionsClosed = new SingleWriterCounter();
    final SingleWriterCounter framesReceived = new SingleWriterCounter();
    final SingleWriterCounter framesAccepted = new SingleWriterCounter();
    final SingleWriterCounter framesDropped = new SingleWriterCounter();
    final SingleWriterCounter protocolErrors = new SingleWriterCounter();
    final SingleWriterCounter bytesRead = new SingleWriterCounter();

    /** Connections taken into service (a slot was free). */
    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** Connections closed at once because every slot was busy; never counted as accepted or closed. */
    public long connectionsRejected() {
        return connectionsRejected.get();
    }

    /** Accepted connections that ended: by the peer, by an I/O error, or by a protocol error. Not at {@code close()}. */
    public long connectionsClosed() {
        return connectionsClosed.get();
    }

    /** Complete, well-formed frames decoded. */
    public long framesReceived() {
        return framesReceived.get();
    }

    /** Frames the sink took. */
    public long framesAccepted() {
        return framesAccepted.get();
    }

    /** Well-formed frames the sink refused (its ring was full). */
    public long framesDropped() {
        return framesDropped.get();
    }

    /** Length prefixes outside {@code [8, maxFrameLength]}, plus connections that ended with a partial frame. */
    public long protocolErrors() {
        return protocolErrors.get();
    }

    /** Bytes read from all connections. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** {@code framesAccepted + framesDropped + protocolErrors}: every frame whose fate is decided. */
    public long accounted() {
        return framesAccepted() + framesDropped() + protocolErrors();
    }

    @Override
    public String toString() {
        return "TcpIngressCounters{accepted=" + connectionsAccepted() + ", rejected=" + connectionsRejected()
                + ", closed=" + connectionsClosed() + ", framesReceived=" + framesReceived() + ", framesAccepted="
                + framesAccepted() + ", framesDropped=" + framesDropped() + ", protocolErrors=" + protocolErrors()
                + ", bytesRead=" + bytesRead() + '}';
    }
}
