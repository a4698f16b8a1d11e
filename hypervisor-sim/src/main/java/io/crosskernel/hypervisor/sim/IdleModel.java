package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.idle.BackoffIdleStrategy;
import io.crosskernel.api.idle.IdleStrategy;
import io.crosskernel.api.idle.ParkingIdleStrategy;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When an idle worker of a simulated run notices an event, given the idle strategy its kernel declares
 * (docs/SIMULATION.md, "Idle strategies").
 *
 * <p>A real worker that found no work calls its idle strategy, then polls again. While it spins or yields it polls
 * every few hundred nanoseconds at most, which the model treats as continuous: an event is seen when it happens.
 * While it parks it polls only when a park ends, and a park lasts longer than asked (the calibrated
 * {@link IdleCosts#parkOvershoot()}): an event is seen at the end of the park it falls in. For a {@code backoff}
 * worker that went idle at {@code t}, the continuous stretch is its spins and yields ({@code t + spins * spin +
 * yields * yield}); its parks follow, the requested time doubling from the first to the ceiling. A {@code park}
 * worker parks from the start, every park the same. {@code busy-spin} and {@code yield} never park.
 *
 * <p>The ends of the parks of one idle stretch are drawn in order from the worker's own generator and kept until the
 * worker does work again, so asking about an earlier event after a later one gives the same answer as asking in the
 * other order, and the draws do not depend on the order of the questions: the simulation stays deterministic.
 *
 * <p>Threading: the engine's thread only.
 */
final class IdleModel {
    private static final long NOT_IDLE = Long.MIN_VALUE;

    /** Continuous polling after going idle, before the first park; {@code Long.MAX_VALUE}: never parks. */
    private final long pollingNanos;
    private final long firstParkNanos;
    private final long maxParkNanos;
    private final Distribution overshoot;
    private final SplittableRandom random;

    private long idleSince = NOT_IDLE;
    /** The ends of the parks of the current idle stretch drawn so far, in order. */
    private long[] parkEnds = new long[16];
    private int drawn;
    private long nextParkNanos;

    private IdleModel(long pollingNanos, long firstParkNanos, long maxParkNanos, Distribution overshoot,
            SplittableRandom random) {
        this.pollingNanos = pollingNanos;
        this.firstParkNanos = firstParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.overshoot = overshoot;
        this.random = random;
    }

    /**
     * The model of {@code strategy}'s wake-up latency: {@code backoff} and {@code park} park; {@code busy-spin},
     * {@code yield} (and any strategy this class does not know) poll continuously.
     */
    static IdleModel of(IdleStrategy strategy, IdleCosts costs, SplittableRandom random) {
        if (strategy instanceof BackoffIdleStrategy backoff) {
            long polling = saturatedAdd(saturatedMultiply(backoff.maxSpins(), costs.spinNanos()),
                    saturatedMultiply(backoff.maxYields(), costs.yieldNanos()));
            return new IdleModel(polling, backoff.minParkNanos(), backoff.maxParkNanos(), costs.parkOvershoot(),
                    random);
        }
        if (strategy instanceof ParkingIdleStrategy park) {
            return new IdleModel(0, park.parkNanos(), park.parkNanos(), costs.parkOvershoot(), random);
        }
        // busy-spin and yield poll between calls that take nanoseconds to a microsecond: continuous at this scale.
        return polling(random);
    }

    /** A worker that polls all the time it is idle: it sees every event when it happens. */
    static IdleModel polling(SplittableRandom random) {
        return new IdleModel(Long.MAX_VALUE, 1, 1, Distribution.constant(0), random);
    }

    /** The worker's duty cycle did work: its idle strategy resets. */
    void busy() {
        idleSince = NOT_IDLE;
    }

    /** The worker's duty cycle ending at {@code t} found no work: its idle stretch starts, unless it has already. */
    void idleFrom(long t) {
        if (idleSince == NOT_IDLE) {
            idleSince = t;
            drawn = 0;
            nextParkNanos = firstParkNanos;
        }
    }

    boolean idle() {
        return idleSince != NOT_IDLE;
    }

    /**
     * While idle: the first instant at or after {@code event} at which the worker polls. Events before the stretch's
     * parks are seen when they happen.
     */
    long seenAt(long event) {
        if (pollingNanos == Long.MAX_VALUE || event == Long.MAX_VALUE) {
            return event; // polls all the time, or nothing to see ("no timer")
        }
        long parksFrom = idleSince + pollingNanos;
        if (event - parksFrom <= 0) {
            return event;
        }
        while (drawn == 0 || parkEnds[drawn - 1] - event < 0) {
            drawPark(parksFrom);
        }
        int i = Arrays.binarySearch(parkEnds, 0, drawn, event);
        return parkEnds[i >= 0 ? i : -i - 1];
    }

    private void drawPark(long parksFrom) {
        long start = drawn == 0 ? parksFrom : parkEnds[drawn - 1];
        if (drawn == parkEnds.length) {
            parkEnds = Arrays.copyOf(parkEnds, drawn * 2);
        }
        parkEnds[drawn++] = start + nextParkNanos + overshoot.sample(random);
        nextParkNanos = Math.min(nextParkNanos << 1, maxParkNanos);
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
