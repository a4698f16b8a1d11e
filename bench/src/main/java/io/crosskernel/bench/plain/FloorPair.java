package io.crosskernel.bench.plain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;

/**
 * The volatile floor: two longs, one written by each side (release store, acquire load), 128 bytes apart and padded
 * on both sides. A round trip moves exactly two cache lines between the cores, one each way; no queue can do with
 * fewer.
 *
 * <p>Threading: {@code ping} is written only by the pinger, {@code pong} only by the echoer.
 */
final class FloorPair extends PlainPair {
    static final String NAME = "volatile";
    private static final VarHandle PING;
    private static final VarHandle PONG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PING = lookup.findVarHandle(FloorPair.class, "ping", long.class);
            PONG = lookup.findVarHandle(FloorPair.class, "pong", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // 128 bytes of padding around each hot long (HotSpot keeps same-size fields in declaration order): ping and pong
    // never share a line, or a pair of lines an adjacent-line prefetcher fetches together.
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
    @SuppressWarnings("unused") // accessed through PING
    private long ping = -1;
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
    @SuppressWarnings("unused") // accessed through PONG
    private long pong = -1;
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

    FloorPair() {
        super(NAME);
    }

    @Override
    void ping(long first, int warmup, int measured, Histogram histogram) {
        long value = first;
        for (int i = 0, total = warmup + measured; i < total; i++, value++) {
            long start = System.nanoTime();
            PING.setRelease(this, value);
            long reply;
            while ((reply = (long) PONG.getAcquire(this)) != value) {
                // spin: the harness does not call Thread.onSpinWait()
            }
            long nanos = System.nanoTime() - start;
            checkReply(NAME, value, reply);
            if (i >= warmup) {
                record(histogram, nanos);
            }
        }
    }

    @Override
    void echo(int count) {
        long last = (long) PONG.getAcquire(this);
        for (int answered = 0; answered < count; answered++) {
            long seen;
            while ((seen = (long) PING.getAcquire(this)) == last) {
                if (abandoned()) {
                    return;
                }
            }
            last = seen;
            PONG.setRelease(this, seen);
        }
    }
}
