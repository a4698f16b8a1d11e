package io.crosskernel.bench.plain;

import org.HdrHistogram.Histogram;
import org.jctools.queues.SpscArrayQueue;

/**
 * Baseline: two JCTools {@link SpscArrayQueue}s of capacity {@value PlainRoundTrip#CAPACITY}, one object reference
 * each way (a {@link Token}).
 *
 * <p>Threading: the pinger offers on {@code ping} and polls {@code pong}, the echoer the reverse.
 */
final class JctoolsPair extends PlainPair {
    static final String NAME = "jctools";
    private final SpscArrayQueue<Token> ping = new SpscArrayQueue<>(PlainRoundTrip.CAPACITY);
    private final SpscArrayQueue<Token> pong = new SpscArrayQueue<>(PlainRoundTrip.CAPACITY);

    JctoolsPair() {
        super(NAME);
    }

    @Override
    void ping(long first, int warmup, int measured, Histogram histogram) {
        Token[] tokens = Token.pool();
        long value = first;
        for (int i = 0, total = warmup + measured; i < total; i++, value++) {
            long start = System.nanoTime();
            Token sent = tokens[Token.slot(value)];
            while (!ping.offer(sent)) {
                // spin: the harness does not call Thread.onSpinWait()
            }
            Token reply;
            while ((reply = pong.poll()) == null) {
                // spin
            }
            long nanos = System.nanoTime() - start;
            checkReply(NAME, sent.index, reply.index);
            if (i >= warmup) {
                record(histogram, nanos);
            }
        }
    }

    @Override
    void echo(int count) {
        for (int answered = 0; answered < count; answered++) {
            Token t;
            while ((t = ping.poll()) == null) {
                if (abandoned()) {
                    return;
                }
            }
            while (!pong.offer(t)) {
                // spin: one message in flight, so the return queue always has room
            }
        }
    }
}
