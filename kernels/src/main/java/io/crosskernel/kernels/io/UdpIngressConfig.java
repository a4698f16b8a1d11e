package io.crosskernel.kernels.io;

import java.net.InetAddress;

/**
 * Settings of a {@link UdpIngress}. Immutable.
 *
 * @param bindAddress        a loopback address (anything else is rejected)
 * @param port               0 for an ephemeral port
 * @param receiveBufferBytes requested SO_RCVBUF; the OS may grant less (Linux caps it at {@code net.core.rmem_max}),
 *                           see {@link UdpIngress#receiveBufferBytes()}
 */
public record UdpIngressConfig(InetAddress bindAddress, int port, int receiveBufferBytes) {
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 1 << 20;

    public UdpIngressConfig {
        LoopbackOnly.check(bindAddress, port);
        if (receiveBufferBytes < 1) {
            throw new IllegalArgumentException("receiveBufferBytes must be positive, got " + receiveBufferBytes);
        }
    }

    /** 127.0.0.1, the given port, a 1 MiB receive buffer. */
    public static UdpIngressConfig loopback(int port) {
        return new UdpIngressConfig(LoopbackOnly.ipv4(), port, DEFAULT_RECEIVE_BUFFER_BYTES);
    }
}
