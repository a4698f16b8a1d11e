package io.crosskernel.api.idle;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks with exponential back-off up to a ceiling; any work resets it to spinning.
 *
 * <p>A good default for kernels that share cores with others: it reacts within nanoseconds to a steady stream and
 * costs almost nothing when idle for long.
 *
 * <p>Threading: holds per-thread state; each kernel worker needs its own instance.
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    private final long maxSpins;
    private final long maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;

    private long spins;
    private long yields;
    private long parkNanos;

    /** 100 spins, 20 yields, then parks from 1 µs doubling to 1 ms. */
    public BackoffIdleStrategy() {
        this(100, 20, 1_000, 1_000_000);
    }

    public BackoffIdleStrategy(long maxSpins, long maxYields, long minParkNanos, long maxParkNanos) {
        if (maxSpins < 0 || maxYields < 0 || minParkNanos <= 0 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("need spins >= 0, yields >= 0 and 0 < minPark <= maxPark, got "
                    + maxSpins + ", " + maxYields + ", " + minParkNanos + "ns, " + maxParkNanos + "ns");
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.parkNanos = minParkNanos;
    }

    @Override
    public void idle() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
        parkNanos = minParkNanos;
    }

    @Override
    public String alias() {
        return "backoff";
    }

    /** Idle calls that spin before the first yield. */
    public long maxSpins() {
        return maxSpins;
    }

    /** Idle calls that yield before the first park. */
    public long maxYields() {
        return maxYields;
    }

    /** The first park's requested time. */
    public long minParkNanos() {
        return minParkNanos;
    }

    /** The ceiling the doubling park time stops at. */
    public long maxParkNanos() {
        return maxParkNanos;
    }
}
