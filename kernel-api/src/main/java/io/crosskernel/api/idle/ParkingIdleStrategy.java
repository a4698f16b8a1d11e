package io.crosskernel.api.idle;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks for a fixed time: frees the core, at the cost of a wake-up latency of at least the park time plus the
 * operating system's timer slack (typically 50 µs on Linux).
 */
public final class ParkingIdleStrategy implements IdleStrategy {
    /** Parks for 100 µs. */
    public static final ParkingIdleStrategy DEFAULT = new ParkingIdleStrategy(100_000);

    private final long parkNanos;

    public ParkingIdleStrategy(long parkNanos) {
        if (parkNanos <= 0) {
            throw new IllegalArgumentException("park time must be positive, got " + parkNanos + "ns");
        }
        this.parkNanos = parkNanos;
    }

    @Override
    public void idle() {
        LockSupport.parkNanos(parkNanos);
    }

    @Override
    public void reset() {
    }

    @Override
    public String alias() {
        return "park";
    }

    public long parkNanos() {
        return parkNanos;
    }
}
