package com.example.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example plugin kernel driven by hand: a {@link ManualClock} decides when tokens accrue, test channels stand in for
 * the other kernels, and one thread calls {@code doWork} as the worker would.
 */
class TokenBucketKernelTest {
    private static final int LIMITER = 0;
    private static final int WORKER = 1;
    private static final int INGEST = 2;
    private static final long START = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock(START);
    private final TokenBucketKernelFactory factory = new TokenBucketKernelFactory();
    /** From the ingest kernel to the limiter. */
    private final TestChannel in = new TestChannel(INGEST, LIMITER, 64, BackpressurePolicy.RETRY);

    /** ingest -> limiter -> worker: the limiter runs stage 1 and forwards to the worker. */
    private static final Route THROUGH = new Route(0, "orders", "stream", List.of(
            new Stage(INGEST, "ingest", 1000, 1, 0), new Stage(LIMITER, "limiter", 0, 1, 0),
            new Stage(WORKER, "worker", 1000, 1, 0)), 0);

    /** A limiter made by the factory, as the host makes it, and booted with {@code context}. */
    private TokenBucketKernel booted(String rate, String burst, TestKernelContext context) {
        KernelSpec spec = new KernelSpec("limiter", "ratelimit", List.of(1), Map.of("rate", rate, "burst", burst));
        factory.validate(spec);
        TokenBucketKernel kernel = (TokenBucketKernel) factory.create(spec);
        kernel.onBoot(context);
        return kernel;
    }

    /** The limiter between {@link #in} and {@code out} (to the worker), on route {@link #THROUGH}. */
    private TestKernelContext through(TestChannel out) {
        return new TestKernelContext(LIMITER, "limiter", 1, clock, List.of(THROUGH)).inbound(in).outbound(out);
    }

    /** Messages 1 .. {@code count} from ingest, sent at {@link #START}. */
    private void sendFirst(int count) {
        for (long id = 1; id <= count; id++) {
            send(in, id, START);
        }
    }

    private static void send(TestChannel channel, long requestId, long sentNanos) {
        Envelope message = new Envelope();
        message.requestId = requestId;
        message.routeId = 0;
        message.stage = 1;
        message.originNanos = sentNanos;
        message.sentNanos = sentNanos;
        assertThat(channel.offer(message).name()).isEqualTo("SENT");
    }

    private static List<Long> receive(TestChannel channel) {
        List<Long> ids = new ArrayList<>();
        channel.drain(envelope -> {
            assertThat(envelope.stage).isEqualTo(2);
            ids.add(envelope.requestId);
        }, Integer.MAX_VALUE);
        return ids;
    }

    @Test
    void forwardsWithinTheBurstAndShedsTheRestThenRefillsAtTheRate() {
        TestChannel out = new TestChannel(LIMITER, WORKER, 64, BackpressurePolicy.RETRY);
        TestKernelContext context = through(out);
        TokenBucketKernel kernel = booted("10/s", "3", context);

        sendFirst(5);
        assertThat(kernel.doWork(0)).isEqualTo(5);

        assertThat(receive(out)).containsExactly(1L, 2L, 3L);
        assertThat(context.sum(m -> m.dropped, 0)).isEqualTo(2);
        assertThat(context.sum(m -> m.messagesIn)).isEqualTo(5);
        assertThat(context.sum(m -> m.messagesOut)).isEqualTo(3);

        clock.advance(99 * MS); // not yet a whole token at 10/s
        send(in, 6, clock.nanoTime());
        kernel.doWork(0);
        assertThat(receive(out)).isEmpty();

        clock.advance(MS); // 100 ms since the burst: exactly one token
        send(in, 7, clock.nanoTime());
        send(in, 8, clock.nanoTime());
        kernel.doWork(0);
        assertThat(receive(out)).containsExactly(7L);

        assertThat(kernel.stats()).containsEntry("admitted", 4L).containsEntry("shed", 4L)
                .containsEntry("forwarded", 4L).containsEntry("burst", 3L).containsEntry("ratePerSecond", 10.0)
                .containsEntry("tokensLeft", 0L);
    }

    @Test
    void holdsMessagesForAFullRetryChannelAndSendsThemInOrderLater() {
        TestChannel out = new TestChannel(LIMITER, WORKER, 2, BackpressurePolicy.RETRY);
        TestKernelContext context = through(out);
        TokenBucketKernel kernel = booted("1k/s", "10", context);
        sendFirst(5);

        kernel.doWork(0);
        assertThat(context.metrics(0).heldForRetry.get()).isEqualTo(3);
        assertThat(receive(out)).containsExactly(1L, 2L);

        kernel.doWork(0);
        assertThat(receive(out)).containsExactly(3L, 4L);
        kernel.doWork(0);
        assertThat(receive(out)).containsExactly(5L);
        assertThat(context.metrics(0).heldForRetry.get()).isZero();
        assertThat(context.sum(m -> m.dropped, 0)).isZero();
        assertThat(kernel.stats()).containsEntry("heldHighWaterMark", 3).containsEntry("forwarded", 5L);
    }

    @Test
    void aDropNewestChannelThatIsFullDropsAndCountsTheRequest() {
        TestChannel out = new TestChannel(LIMITER, WORKER, 1, BackpressurePolicy.DROP_NEWEST);
        TestKernelContext context = through(out);
        TokenBucketKernel kernel = booted("1k/s", "10", context);
        sendFirst(2);

        kernel.doWork(0);

        assertThat(receive(out)).containsExactly(1L);
        assertThat(context.sum(m -> m.dropped, 0)).isEqualTo(1);
        assertThat(kernel.stats()).containsEntry("rejectedByChannels", 1L).containsEntry("shed", 0L);
    }

    @Test
    void releasesSourceArrivalsAtTheirScheduledTimesAndCompletesALastStage() {
        Route only = new Route(0, "pings", "stream", List.of(new Stage(LIMITER, "limiter", 0, 1, 0)), 5 * MS);
        TestKernelContext context = new TestKernelContext(LIMITER, "limiter", 1, clock, List.of(only))
                .source(new Source(only, new FixedArrivals(0, MS, 2 * MS, 3 * MS)));
        TokenBucketKernel kernel = booted("1/s", "2", context);

        assertThat(kernel.doWork(0)).as("sources closed").isZero();
        context.openSources(START);
        clock.advance(2 * MS + 500_000);
        assertThat(kernel.doWork(0)).isEqualTo(3);
        clock.advance(10 * MS);
        kernel.doWork(0);

        assertThat(context.sum(m -> m.generated, 0)).isEqualTo(4);
        assertThat(context.sum(m -> m.completed, 0)).isEqualTo(2);
        assertThat(context.sum(m -> m.dropped, 0)).isEqualTo(2);
        assertThat(context.metrics(0).endToEnd[0].interval().getTotalCount()).isEqualTo(2);
        // the 4th arrival (due at 3 ms) was released 9.5 ms late, measured from its schedule; it was shed
        assertThat(context.metrics(0).lateness[0].interval().getMaxValue()).isBetween(9_400_000L, 9_600_000L);
        assertThat(kernel.stats()).containsEntry("completedHere", 2L);
    }

    @Test
    void refillStopsAtTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake()).isTrue();
        }
        assertThat(bucket.tryTake()).isFalse();
        bucket.refill(3_600_000_000_000L); // an hour idle
        assertThat(bucket.tokens()).isEqualTo(5);
        bucket.refill(1_000_000_000L); // a clock read out of order adds nothing
        assertThat(bucket.tokens()).isEqualTo(5);
    }

    @Test
    void settingErrorsNameTheSetting() {
        assertThatThrownBy(() -> factory.validate(new KernelSpec("l", "ratelimit", List.of(1), Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rate: 1k/s")
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("rate");
        assertThatThrownBy(() -> factory.validate(new KernelSpec("l", "ratelimit", List.of(1),
                Map.of("rate", "1k/s", "burst", "lots"))))
                .isInstanceOf(InvalidSettingException.class).hasMessage("burst must be a whole number from 1 to "
                        + "1000000, got 'lots'");
        assertThatThrownBy(() -> factory.validate(new KernelSpec("l", "ratelimit", List.of(0, 1),
                Map.of("rate", "1k/s"))))
                .isInstanceOf(InvalidSettingException.class)
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("cores");
    }

    @Test
    void admissionRefusesAStageWithACost() {
        Route costly = new Route(0, "orders", "stream", List.of(new Stage(LIMITER, "limiter", 5000, 1, 0)), 0);
        KernelSpec spec = new KernelSpec("limiter", "ratelimit", List.of(1), Map.of("rate", "1k/s"));

        assertThatThrownBy(() -> factory.admit(spec, LIMITER, List.of(new Source(costly, new FixedArrivals(0)))))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("remove 'cost'")
                .extracting(e -> ((AdmissionException) e).stage()).isEqualTo(0);
        factory.admit(spec, LIMITER, List.of(new Source(THROUGH, new FixedArrivals(0))));
    }

    /** Arrivals at fixed offsets from the run's start. */
    private static final class FixedArrivals implements ArrivalSchedule {
        private final long[] offsets;
        private int next;

        FixedArrivals(long... offsets) {
            this.offsets = offsets;
        }

        @Override
        public long peek() {
            return next < offsets.length ? offsets[next] : NO_MORE_ARRIVALS;
        }

        @Override
        public void advance() {
            next++;
        }

        @Override
        public ArrivalSchedule copy() {
            return new FixedArrivals(offsets);
        }

        @Override
        public String describe() {
            return "fixed " + offsets.length;
        }
    }
}
