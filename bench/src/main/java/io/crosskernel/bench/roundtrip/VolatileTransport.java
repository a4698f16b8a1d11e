package io.crosskernel.bench.roundtrip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The physical floor: two fields, one written by each side, each on its own cache line, read and written with
 * acquire/release ordering. A round trip is exactly two cache-line transfers between the cores; no queue can do better.
 *
 * <p>Threading: {@code ping} is written only by the measuring thread, {@code pong} only by the echo thread.
 */
public final class VolatileTransport extends PingPongTransport {
    private static final VarHandle PING;
    private static final VarHandle PONG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PING = lookup.findVarHandle(VolatileTransport.class, "ping", long.class);
            PONG = lookup.findVarHandle(VolatileTransport.class, "pong", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // 128 bytes of padding on both sides (HotSpot keeps same-size fields in declaration order), so ping and pong never
    // share a line, or a pair of lines fetched together by an adjacent-line prefetcher, with each other or with the
    // object header, wherever the object lands.
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
    private long ping = Long.MIN_VALUE;
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
    private long pong = Long.MIN_VALUE;
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
    /** Echo thread only: the last ping it answered. */
    private long lastEchoed = Long.MIN_VALUE;

    public VolatileTransport() {
        super(Transports.VOLATILE);
    }

    /** Values must differ from the previous one (the benchmarks send a running counter). */
    @Override
    public long roundTrip(long value) {
        PING.setRelease(this, value);
        long reply;
        while ((reply = (long) PONG.getAcquire(this)) != value) {
            Thread.onSpinWait();
        }
        return reply;
    }

    @Override
    public boolean echoOnce() {
        long seen = (long) PING.getAcquire(this);
        if (seen == lastEchoed) {
            Thread.onSpinWait();
            return false;
        }
        lastEchoed = seen;
        PONG.setRelease(this, seen);
        return true;
    }
}
