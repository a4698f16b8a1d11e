package io.crosskernel.kernels.io;

import java.net.InetAddress;

/**
 * Settings of a {@link TcpIngress}. Immutable.
 *
 * @param bindAddress     a loopback address (anything else is rejected)
 * @param port            0 for an ephemeral port
 * @param maxFrameLength  largest accepted value of a frame's length prefix (request id + payload), at least 8; a
 *                        longer frame is a protocol error that closes its connection
 * @param maxConnections  connections served at once; each gets its read buffer up front. Connections beyond this are
 *                        accepted, counted as rejected and closed at once
 * @param readBufferBytes per-connection read buffer, at least {@code 4 + maxFrameLength} so the largest frame fits
 */
public record TcpIngressConfig(InetAddress bindAddress, int port, int maxFrameLength, int maxConnections,
                               int readBufferBytes) {
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_READ_BUFFER_BYTES = 16 * 1024;

    public TcpIngressConfig {
        LoopbackOnly.check(bindAddress, port);
        if (maxFrameLength < FrameDecoder.REQUEST_ID_BYTES) {
            throw new IllegalArgumentException("maxFrameLength must be at least 8 (the request id), got "
                    + maxFrameLength);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if ((long) readBufferBytes < (long) FrameDecoder.LENGTH_PREFIX_BYTES + maxFrameLength) {
            throw new IllegalArgumentException("readBufferBytes " + readBufferBytes
                    + " cannot hold a frame of maxFrameLength " + maxFrameLength + " plus its 4-byte prefix");
        }
    }

    /** 127.0.0.1, the given port, 1 KiB frames, 64 connections, 16 KiB read buffer each. */
    public static TcpIngressConfig loopback(int port) {
        return new TcpIngressConfig(LoopbackOnly.ipv4(), port, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_READ_BUFFER_BYTES);
    }

    /** A copy with another maximum frame length (and a read buffer grown to fit it if needed). */
    public TcpIngressConfig withMaxFrameLength(int length) {
        return new TcpIngressConfig(bindAddress, port, length, maxConnections,
                Math.max(readBufferBytes, FrameDecoder.LENGTH_PREFIX_BYTES + length));
    }

    /** A copy with another connection limit. */
    public TcpIngressConfig withMaxConnections(int connections) {
        return new TcpIngressConfig(bindAddress, port, maxFrameLength, connections, readBufferBytes);
    }
}
