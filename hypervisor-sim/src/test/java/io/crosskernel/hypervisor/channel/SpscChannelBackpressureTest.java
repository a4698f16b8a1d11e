package io.crosskernel.hypervisor.channel;

import static io.crosskernel.hypervisor.channel.ChannelTestSupport.assertQuiescentAccounting;
import static io.crosskernel.hypervisor.channel.ChannelTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.ChannelTestSupport.SequenceRecorder;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each backpressure policy against a consumer thread that is deliberately slower than its producer thread. */
class SpscChannelBackpressureTest {
    private static final int CAPACITY = 64;
    private static final long SLOW_CONSUMER_NANOS = 2_000;

    private ExecutorService pool;

    @BeforeEach
    void startThreads() {
        pool = ChannelTestSupport.twoThreads();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        ChannelTestSupport.shutdown(pool);
    }

    /** Drains until the producer has finished and the channel is empty; returns what it saw. */
    private Future<SequenceRecorder> slowConsumer(SpscChannel channel, AtomicBoolean producerDone) {
        return pool.submit(() -> {
            SequenceRecorder recorder = new SequenceRecorder(SLOW_CONSUMER_NANOS);
            while (true) {
                boolean finished = producerDone.get();
                int drained = channel.drain(recorder, 16);
                if (drained == 0) {
                    if (finished) {
                        return recorder;
                    }
                    Thread.onSpinWait();
                }
            }
        });
    }

    @Test
    void retryPolicyDeliversEveryMessageExactlyOnceInOrderWhenConsumerIsSlow() throws Exception {
        int n = 50_000;
        SpscChannel channel = ChannelTestSupport.channel(CAPACITY, BackpressurePolicy.RETRY);
        AtomicBoolean done = new AtomicBoolean();
        Future<SequenceRecorder> consumer = slowConsumer(channel, done);
        Future<Long> producer = pool.submit(() -> {
            Envelope message = new Envelope();
            long refusals = 0;
            for (long seq = 0; seq < n; seq++) {
                message.requestId = seq;
                message.traceId = seq;
                message.payload = ~seq;
                SendResult result;
                while ((result = channel.offer(message)) == SendResult.BACKPRESSURED) {
                    refusals++;
                    Thread.onSpinWait();
                }
                assertThat(result).isEqualTo(SendResult.SENT);
            }
            done.set(true);
            return refusals;
        });

        long refusals = await(producer);
        SequenceRecorder seen = await(consumer);

        assertThat(seen.count).isEqualTo(n);
        assertThat(seen.contiguous).as("exactly once, in order").isTrue();
        assertThat(seen.payloadIntact).isTrue();
        ChannelStats stats = channel.stats();
        assertThat(stats.offered()).isEqualTo(n);
        assertThat(stats.delivered()).isEqualTo(n);
        assertThat(stats.rejected()).isZero();
        assertThat(refusals).as("the slow consumer made the producer retry").isPositive();
        assertThat(stats.backpressured()).isEqualTo(refusals);
        // Refusals prove the channel was full; the consumer samples the depth once per batch, so it may not see it.
        assertThat(stats.highWaterMark()).isBetween(1L, (long) CAPACITY);
        assertQuiescentAccounting(channel);
    }

    @Test
    void dropNewestPolicyCountsEveryOfferAndDeliversSurvivorsInOrderWhenConsumerIsSlow() throws Exception {
        int n = 100_000;
        SpscChannel channel = ChannelTestSupport.channel(CAPACITY, BackpressurePolicy.DROP_NEWEST);
        AtomicBoolean done = new AtomicBoolean();
        Future<SequenceRecorder> consumer = slowConsumer(channel, done);
        Future<Long> producer = pool.submit(() -> {
            Envelope message = new Envelope();
            long dropped = 0;
            for (long seq = 0; seq < n; seq++) {
                message.requestId = seq;
                message.traceId = seq;
                message.payload = ~seq;
                SendResult result = channel.offer(message);
                assertThat(result).isIn(SendResult.SENT, SendResult.DROPPED);
                if (result == SendResult.DROPPED) {
                    dropped++;
                }
            }
            done.set(true);
            return dropped;
        });

        long dropped = await(producer);
        SequenceRecorder seen = await(consumer);

        ChannelStats stats = channel.stats();
        assertThat(stats.offered()).isEqualTo(n);
        assertThat(stats.delivered() + stats.rejected()).isEqualTo(n);
        assertThat(stats.rejected()).isPositive().isEqualTo(dropped);
        assertThat(stats.backpressured()).isZero();
        assertThat(seen.count).isEqualTo(stats.delivered());
        assertThat(seen.increasing).as("survivors arrive in increasing order").isTrue();
        assertThat(seen.payloadIntact).isTrue();
        assertQuiescentAccounting(channel);
    }

    @Test
    void failPolicyAnswersFailedCountsItRejectedAndTellsTheListenerWhenConsumerIsSlow() throws Exception {
        CopyOnWriteArrayList<SpscChannel> failures = new CopyOnWriteArrayList<>();
        SpscChannel channel = new SpscChannel(new LinkSpec(0, "io", 1, "rt", CAPACITY, BackpressurePolicy.FAIL),
                failures::add);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong sentBeforeFailure = new AtomicLong();
        Future<SequenceRecorder> consumer = slowConsumer(channel, done);
        Future<SendResult> producer = pool.submit(() -> {
            Envelope message = new Envelope();
            for (long seq = 0; seq < 1_000_000; seq++) {
                message.requestId = seq;
                message.traceId = seq;
                message.payload = ~seq;
                SendResult result = channel.offer(message);
                if (result != SendResult.SENT) {
                    sentBeforeFailure.set(seq);
                    done.set(true);
                    return result;
                }
            }
            done.set(true);
            return SendResult.SENT;
        });

        SendResult firstRefusal = await(producer);
        SequenceRecorder seen = await(consumer);

        assertThat(firstRefusal).isEqualTo(SendResult.FAILED);
        assertThat(failures).containsExactly(channel);
        long sent = sentBeforeFailure.get();
        ChannelStats stats = channel.stats();
        assertThat(stats.offered()).isEqualTo(sent + 1);
        assertThat(stats.rejected()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(sent);
        assertThat(seen.count).isEqualTo(sent);
        assertThat(seen.contiguous).isTrue();
        assertQuiescentAccounting(channel);
    }
}
