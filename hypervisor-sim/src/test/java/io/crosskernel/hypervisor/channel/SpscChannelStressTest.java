package io.crosskernel.hypervisor.channel;

import static io.crosskernel.hypervisor.channel.ChannelTestSupport.assertQuiescentAccounting;
import static io.crosskernel.hypervisor.channel.ChannelTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.ChannelTestSupport.SequenceRecorder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Producer and consumer on two threads, many times over, with the smallest possible channel and a larger one, and
 * with each end getting going first. FIFO, exactly-once and the counters are checked every iteration, and a third
 * observer (the test thread) checks that snapshots taken mid-run never show a negative in-flight count.
 */
class SpscChannelStressTest {
    private static final int ITERATIONS = 20;
    /** Per iteration. With capacity 1 every message is a hand-off between the threads: fewer keep the run short. */
    private static int messages(int capacity) {
        return capacity == 1 ? 4_000 : 10_000;
    }

    enum StartOrder { CONSUMER_FIRST, PRODUCER_FIRST }

    private ExecutorService pool;

    @BeforeEach
    void startThreads() {
        pool = ChannelTestSupport.twoThreads();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        ChannelTestSupport.shutdown(pool);
    }

    @ParameterizedTest(name = "capacity {0}, {1}")
    @CsvSource({"1, CONSUMER_FIRST", "1, PRODUCER_FIRST", "64, CONSUMER_FIRST", "64, PRODUCER_FIRST"})
    void deliversEveryMessageOnceInOrderAcrossThreads(int capacity, StartOrder order) throws Exception {
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            runOnce(capacity, order);
        }
    }

    private void runOnce(int capacity, StartOrder order) throws Exception {
        int n = messages(capacity);
        SpscChannel channel = ChannelTestSupport.channel(capacity, BackpressurePolicy.RETRY);
        CountDownLatch consumerStarted = new CountDownLatch(order == StartOrder.CONSUMER_FIRST ? 1 : 0);
        CountDownLatch producerStarted = new CountDownLatch(order == StartOrder.PRODUCER_FIRST ? 1 : 0);

        Future<SequenceRecorder> consumer = pool.submit(() -> {
            assertThat(producerStarted.await(30, TimeUnit.SECONDS)).isTrue();
            SequenceRecorder recorder = new SequenceRecorder(0);
            channel.drain(recorder, 16);
            consumerStarted.countDown();
            while (recorder.count < n) {
                if (channel.drain(recorder, 16) == 0) {
                    Thread.yield(); // the machine may have fewer free cores than we have threads
                }
            }
            return recorder;
        });
        Future<Long> producer = pool.submit(() -> {
            assertThat(consumerStarted.await(30, TimeUnit.SECONDS)).isTrue();
            Envelope message = new Envelope();
            long refusals = 0;
            for (long seq = 0; seq < n; seq++) {
                message.requestId = seq;
                message.traceId = seq;
                message.payload = ~seq;
                while (channel.offer(message) == SendResult.BACKPRESSURED) {
                    // the channel is full: now the consumer may start, if it is waiting for us
                    producerStarted.countDown();
                    refusals++;
                    Thread.yield(); // the machine may have fewer free cores than we have threads
                }
            }
            producerStarted.countDown();
            return refusals;
        });

        for (int sample = 0; sample < 200 && !(producer.isDone() && consumer.isDone()); sample++) {
            ChannelStats snapshot = channel.stats();
            assertThat(snapshot.inFlight()).isNotNegative();
            assertThat(snapshot.delivered()).isLessThanOrEqualTo(snapshot.offered());
            Thread.yield();
        }
        long refusals = await(producer);
        SequenceRecorder seen = await(consumer);

        assertThat(seen.count).isEqualTo(n);
        assertThat(seen.contiguous).isTrue();
        assertThat(seen.payloadIntact).isTrue();
        ChannelStats stats = channel.stats();
        assertThat(stats.offered()).isEqualTo(n);
        assertThat(stats.delivered()).isEqualTo(n);
        assertThat(stats.rejected()).isZero();
        assertThat(stats.backpressured()).isEqualTo(refusals);
        assertQuiescentAccounting(channel);
    }
}
