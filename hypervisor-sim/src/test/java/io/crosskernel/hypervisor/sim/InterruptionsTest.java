package io.crosskernel.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterruptionsTest {
    @Test
    void aStallDelaysWhatWouldStartInsideItAndStretchesWhatRunsAcrossIt() {
        Interruptions stall = new Interruptions(new long[] {100}, new long[] {150}, null, new SplittableRandom(1));
        stall.start(0);
        assertThat(stall.available(90)).isEqualTo(90);
        // 10ns of work before the stall, 50 stalled, the other 20 after it.
        assertThat(stall.spend(90, 120)).isEqualTo(170);
        assertThat(stall.lostNanos()).isEqualTo(50);
        assertThat(stall.available(160)).isEqualTo(160);
    }

    @Test
    void aStartInsideAStallWaitsForItsEnd() {
        Interruptions stall = new Interruptions(new long[] {100}, new long[] {150}, null, new SplittableRandom(1));
        stall.start(1_000);
        assertThat(stall.available(1_120)).isEqualTo(1_150);
        assertThat(stall.lostNanos()).isEqualTo(30);
    }

    @Test
    void noiseIsTheSameForTheSameSeedAndTakesRoughlyItsShare() {
        NoiseModel noise = new NoiseModel(1_000, Distribution.constant(10_000), "test");
        Interruptions a = new Interruptions(new long[0], new long[0], noise, new SplittableRandom(5));
        Interruptions b = new Interruptions(new long[0], new long[0], noise, new SplittableRandom(5));
        a.start(0);
        b.start(0);
        // One virtual second of work: 1000 hiccups of 10us each take about 10ms.
        long endA = a.spend(0, 1_000_000_000);
        assertThat(b.spend(0, 1_000_000_000)).isEqualTo(endA);
        assertThat(a.hiccups()).isBetween(850L, 1_150L);
        assertThat(endA - 1_000_000_000).isEqualTo(a.lostNanos()).isBetween(8_500_000L, 11_500_000L);
    }
}
