package io.crosskernel.api.workload;

/**
 * Requests that arrive from outside the process — datagrams or frames on the I/O kernel's sockets — rather than from
 * a generator. The schedule itself releases nothing; the kernel that owns the socket creates the requests.
 *
 * <p>Immutable.
 */
public final class ExternalArrivals implements ArrivalSchedule {
    private final String protocol;

    /** @param protocol {@code udp} or {@code tcp} */
    public ExternalArrivals(String protocol) {
        if (!protocol.equals("udp") && !protocol.equals("tcp")) {
            throw new IllegalArgumentException("unknown protocol '" + protocol + "': use udp or tcp");
        }
        this.protocol = protocol;
    }

    public String protocol() {
        return protocol;
    }

    @Override
    public long peek() {
        return NO_MORE_ARRIVALS;
    }

    @Override
    public void advance() {
        throw new IllegalStateException("external arrivals are created by the socket's kernel, not by advancing");
    }

    @Override
    public ArrivalSchedule copy() {
        return this;
    }

    @Override
    public String describe() {
        return protocol + " ingress";
    }
}
