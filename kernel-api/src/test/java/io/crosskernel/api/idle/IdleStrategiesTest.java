package io.crosskernel.api.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdleStrategiesTest {
    @Test
    void createsEveryDocumentedStrategyByName() {
        for (String name : IdleStrategies.NAMES) {
            assertThat(IdleStrategies.forWorker(name).alias()).isEqualTo(name);
        }
    }

    @Test
    void statefulBackoffIsFreshPerWorkerWhileStatelessOnesAreShared() {
        assertThat(IdleStrategies.forWorker("backoff")).isNotSameAs(IdleStrategies.forWorker("backoff"));
        assertThat(IdleStrategies.forWorker("busy-spin")).isSameAs(BusySpinIdleStrategy.INSTANCE);
        assertThat(IdleStrategies.forWorker("yield")).isSameAs(YieldingIdleStrategy.INSTANCE);
    }

    @Test
    void unknownNameListsTheAcceptedOnes() {
        assertThatThrownBy(() -> IdleStrategies.forWorker("nap"))
                .hasMessageContaining("nap").hasMessageContaining("busy-spin, yield, backoff or park");
    }

    @Test
    void backoffSpinsThenYieldsThenParksAndResetsOnWork() {
        BackoffIdleStrategy backoff = new BackoffIdleStrategy(2, 2, 1_000, 4_000);
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            backoff.idle(0); // two spins, two yields: no parking yet
        }
        backoff.idle(0); // parks 1us (at least)
        backoff.idle(0); // parks 2us
        backoff.idle(5); // work resets the ladder
        backoff.idle(0); // a spin again
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(3_000);
    }

    @Test
    void backoffRejectsAnInvertedParkRange() {
        assertThatThrownBy(() -> new BackoffIdleStrategy(1, 1, 10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
