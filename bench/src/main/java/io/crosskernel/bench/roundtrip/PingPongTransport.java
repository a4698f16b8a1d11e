package io.crosskernel.bench.roundtrip;

/**
 * One way of carrying a {@code long} from a measuring thread to an echo thread and back: the unit of the round-trip
 * benchmarks. Each implementation holds two one-way paths (ping, pong), preallocated, so a round trip allocates nothing
 * (the blocking JDK queues excepted: {@link LinkedTransferQueue} allocates a node per element, which is part of what
 * it costs).
 *
 * <p>Threading: exactly one measuring thread calls {@link #roundTrip(long)}; exactly one echo thread calls
 * {@link #echoOnce()} (see {@link EchoThread}). Neither method may be called concurrently with itself. At most one
 * message is in flight, so every path is single-producer single-consumer.
 *
 * @see Transports the registry of implementations by name
 */
public abstract class PingPongTransport {
    private final String name;

    protected PingPongTransport(String name) {
        this.name = name;
    }

    /** The transport's name in reports and JSON. */
    public final String name() {
        return name;
    }

    /**
     * Measuring thread: sends {@code value}, waits (spinning, or blocking for the blocking queues) for the echo and
     * returns the value that came back.
     */
    public abstract long roundTrip(long value);

    /**
     * Echo thread: takes at most one ping and sends it back. Returns promptly (a spinning transport returns false at
     * once when nothing is there; a blocking one waits at most a millisecond) so the echo loop can see its stop flag.
     *
     * @return true when a ping was echoed
     */
    public abstract boolean echoOnce();

    @Override
    public String toString() {
        return name;
    }
}
