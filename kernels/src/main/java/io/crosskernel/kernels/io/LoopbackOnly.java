package io.crosskernel.kernels.io;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Validation shared by the ingress configurations: this engine only ever binds loopback addresses. */
final class LoopbackOnly {
    private LoopbackOnly() {
    }

    static InetAddress ipv4() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    static void check(InetAddress address, int port) {
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("ingress binds loopback addresses only, got " + address);
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0 (ephemeral) to 65535, got " + port);
        }
    }
}
