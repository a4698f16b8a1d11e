package io.crosskernel.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.idle.BusySpinIdleStrategy;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelStats;
import io.crosskernel.hypervisor.channel.LinkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimChannelTest {
    private static final long T0 = 1_000_000;

    private final SimClock clock = new SimClock(T0);

    private SimChannel channel(Distribution hop, int capacity, BackpressurePolicy policy, SimFaults faults) {
        SimEngine engine = new SimEngine(clock, new Calibration(hop, 1, 0, IdleCosts.DEFAULTS, Map.of(), "test"), null, 1, faults,
                List.of("a", "b"), List.of(List.of(0), List.of(1)),
                List.of(BusySpinIdleStrategy.INSTANCE, BusySpinIdleStrategy.INSTANCE));
        ChannelFabric fabric = new ChannelFabric(2, List.of(new LinkSpec(0, "a", 1, "b", capacity, policy)),
                c -> { }, engine);
        engine.start(T0);
        return engine.view(fabric.channels().get(0));
    }

    private static Envelope message(long payload) {
        Envelope e = new Envelope();
        e.requestId = payload;
        e.payload = payload;
        return e;
    }

    @Test
    void aMessageCanBeDrainedOnlyOnceItsHopHasPassed() {
        SimChannel channel = channel(Distribution.constant(100), 8, BackpressurePolicy.RETRY, SimFaults.NONE);
        clock.enter(T0, null);
        assertThat(channel.offer(message(1))).isEqualTo(SendResult.SENT);
        assertThat(channel.nextVisibleNanos()).isEqualTo(T0 + 100);
        clock.enter(T0 + 99, null);
        assertThat(channel.drain(e -> { }, 10)).isZero();
        clock.enter(T0 + 100, null);
        assertThat(channel.drain(e -> { }, 10)).isEqualTo(1);
        assertThat(channel.nextVisibleNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void messagesStayInOrderWhateverTheirDraws() {
        SimChannel channel = channel(new Distribution(new double[] {0, 100}, new long[] {10, 10_000}), 64,
                BackpressurePolicy.RETRY, SimFaults.NONE);
        for (int i = 0; i < 50; i++) {
            clock.enter(T0 + i, null);
            channel.offer(message(i));
        }
        List<Long> seen = new ArrayList<>();
        for (long t = T0; seen.size() < 50; t += 100) {
            clock.enter(t, null);
            channel.drain(e -> seen.add(e.payload), 64);
        }
        assertThat(seen).isSorted().hasSize(50);
    }

    @Test
    void aFullChannelRefusesAsTheRealOneAndCountsTheSame() {
        SimChannel channel = channel(Distribution.constant(100), 4, BackpressurePolicy.RETRY, SimFaults.NONE);
        clock.enter(T0, null);
        for (int i = 0; i < 4; i++) {
            assertThat(channel.offer(message(i))).isEqualTo(SendResult.SENT);
        }
        // In flight on the wire, not yet drainable: the slots are taken all the same.
        assertThat(channel.offer(message(4))).isEqualTo(SendResult.BACKPRESSURED);
        ChannelStats stats = channel.channel().stats();
        assertThat(stats.offered()).isEqualTo(4);
        assertThat(stats.backpressured()).isEqualTo(1);
        clock.enter(T0 + 100, null);
        assertThat(channel.drain(e -> { }, 1)).isEqualTo(1);
        assertThat(channel.offer(message(4))).isEqualTo(SendResult.SENT);
    }

    @Test
    void aDropFaultLosesTheMessagesOfItsWindowAndTheChannelStillBalances() {
        SimFaults faults = new SimFaults(List.of(new SimFault.Drop(0, 1, "a->b", 1_000, 1_000)));
        SimChannel channel = channel(Distribution.constant(100), 8, BackpressurePolicy.RETRY, faults);
        clock.enter(T0 + 999, null);
        assertThat(channel.offer(message(1))).isEqualTo(SendResult.SENT);
        clock.enter(T0 + 1_000, null);
        assertThat(channel.offer(message(2))).isEqualTo(SendResult.DROPPED);
        clock.enter(T0 + 1_999, null);
        assertThat(channel.offer(message(3))).isEqualTo(SendResult.DROPPED);
        clock.enter(T0 + 2_000, null);
        assertThat(channel.offer(message(4))).isEqualTo(SendResult.SENT);
        List<Long> seen = new ArrayList<>();
        clock.enter(T0 + 10_000, null);
        channel.drain(e -> seen.add(e.payload), 10);
        assertThat(seen).containsExactly(1L, 4L);
        ChannelStats stats = channel.channel().stats();
        assertThat(stats.offered()).isEqualTo(4);
        assertThat(stats.rejected()).isEqualTo(2);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(channel.droppedByFault()).isEqualTo(2);
    }

    @Test
    void aDelayFaultDelaysTheMessagesOfItsWindowOnly() {
        SimFaults faults = new SimFaults(List.of(new SimFault.Delay(0, 1, "a->b", 1_000, 1_000, 50_000)));
        SimChannel channel = channel(Distribution.constant(100), 8, BackpressurePolicy.RETRY, faults);
        clock.enter(T0 + 1_500, null);
        channel.offer(message(1));
        assertThat(channel.nextVisibleNanos()).isEqualTo(T0 + 1_500 + 100 + 50_000);
        clock.enter(T0 + 60_000, null);
        channel.drain(e -> { }, 10);
        clock.enter(T0 + 70_000, null);
        channel.offer(message(2));
        assertThat(channel.nextVisibleNanos()).isEqualTo(T0 + 70_100);
    }
}
