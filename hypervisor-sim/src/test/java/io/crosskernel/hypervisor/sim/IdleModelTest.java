package io.crosskernel.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.idle.BackoffIdleStrategy;
import io.crosskernel.api.idle.BusySpinIdleStrategy;
import io.crosskernel.api.idle.IdleStrategy;
import io.crosskernel.api.idle.ParkingIdleStrategy;
import io.crosskernel.api.idle.YieldingIdleStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** When an idle worker notices an event, by idle strategy. */
class IdleModelTest {
    private static final long US = 1_000;
    /** spin 10ns, yield 100ns, every park 50us longer than asked. */
    private static final IdleCosts COSTS = new IdleCosts(10, 100, Distribution.constant(50 * US));

    private static IdleModel model(IdleStrategy strategy) {
        return IdleModel.of(strategy, COSTS, new SplittableRandom(1));
    }

    @Test
    void backoffSeesEventsAtOnceWhileItSpinsAndYieldsThenAtTheEndOfEachDoublingPark() {
        // 100 spins of 10ns and 20 yields of 100ns: polls continuously for 3us, then parks 1us, 2us, 4us ... + 50us.
        IdleModel idle = model(new BackoffIdleStrategy(100, 20, US, 8 * US));
        idle.idleFrom(0);
        assertThat(idle.seenAt(2 * US)).isEqualTo(2 * US);
        assertThat(idle.seenAt(3 * US)).isEqualTo(3 * US);
        long first = 3 * US + US + 50 * US;
        long second = first + 2 * US + 50 * US;
        long third = second + 4 * US + 50 * US;
        long fourth = third + 8 * US + 50 * US;
        long fifth = fourth + 8 * US + 50 * US; // the ceiling holds
        assertThat(idle.seenAt(3 * US + 1)).isEqualTo(first);
        assertThat(idle.seenAt(fourth - 1)).isEqualTo(fourth);
        assertThat(idle.seenAt(fourth + 1)).isEqualTo(fifth);
        // An earlier event asked about after a later one: the same park ends.
        assertThat(idle.seenAt(first + 1)).isEqualTo(second);
        assertThat(idle.seenAt(second)).isEqualTo(second);
        assertThat(idle.seenAt(third - 5)).isEqualTo(third);
        // A duty cycle that finds no work does not restart the stretch; one that works does.
        idle.idleFrom(second);
        assertThat(idle.seenAt(third - 5)).isEqualTo(third);
        idle.busy();
        assertThat(idle.idle()).isFalse();
        idle.idleFrom(1_000 * US);
        assertThat(idle.seenAt(1_002 * US)).isEqualTo(1_002 * US);
        assertThat(idle.seenAt(1_004 * US)).isEqualTo(1_000 * US + 3 * US + US + 50 * US);
    }

    @Test
    void parkParksFromTheStartAndEveryParkIsTheSame() {
        IdleModel idle = model(new ParkingIdleStrategy(100 * US));
        idle.idleFrom(0);
        assertThat(idle.seenAt(1)).isEqualTo(150 * US);
        assertThat(idle.seenAt(150 * US + 1)).isEqualTo(300 * US);
        assertThat(idle.seenAt(0)).isZero(); // the moment it went idle it had just polled
    }

    @Test
    void spinningAndYieldingWorkersSeeEveryEventWhenItHappens() {
        for (IdleStrategy strategy
                : List.of(BusySpinIdleStrategy.INSTANCE, YieldingIdleStrategy.INSTANCE)) {
            IdleModel idle = model(strategy);
            idle.idleFrom(0);
            assertThat(idle.seenAt(1)).isEqualTo(1);
            assertThat(idle.seenAt(10_000_000_000L)).isEqualTo(10_000_000_000L);
        }
    }

    @Test
    void noTimerStaysNoTimer() {
        IdleModel idle = model(new BackoffIdleStrategy());
        idle.idleFrom(0);
        assertThat(idle.seenAt(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    /**
     * Determinism: the park ends are drawn in order from the worker's own generator, so the answers do not depend on
     * the order the engine asks in; and an event is never seen before it happens, nor later than one park after.
     */
    @Property(tries = 200)
    void answersDoNotDependOnTheOrderOfTheQuestions(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 60) int events) {
        Distribution overshoot = new Distribution(new double[] {0, 50, 100}, new long[] {5 * US, 70 * US, 300 * US});
        IdleCosts costs = new IdleCosts(20, 400, overshoot);
        Random draw = new Random(seed);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            times.add((long) draw.nextInt(20_000) * US);
        }
        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, draw);
        IdleModel inOrder = IdleModel.of(new BackoffIdleStrategy(), costs, new SplittableRandom(seed));
        IdleModel anyOrder = IdleModel.of(new BackoffIdleStrategy(), costs, new SplittableRandom(seed));
        inOrder.idleFrom(0);
        anyOrder.idleFrom(0);
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        Map<Long, Long> expected = new HashMap<>();
        for (long t : sorted) {
            expected.put(t, inOrder.seenAt(t));
        }
        for (long t : shuffled) {
            long seen = anyOrder.seenAt(t);
            assertThat(seen).isEqualTo(expected.get(t));
            assertThat(seen).isGreaterThanOrEqualTo(t);
            assertThat(seen - t).isLessThanOrEqualTo(1_000 * US + 300 * US); // within one longest park
        }
    }
}
