package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-threaded behaviour of one channel. */
class SpscChannelTest {

    @Test
    void copiesEveryFieldSoTheSenderMayReuseItsEnvelope() {
        SpscChannel channel = ChannelTestSupport.channel(4, BackpressurePolicy.RETRY);
        Envelope message = new Envelope();
        message.requestId = 1;
        message.traceId = 2;
        message.routeId = 3;
        message.stage = 4;
        message.originNanos = 5;
        message.sentNanos = 6;
        message.payload = 7;
        channel.offer(message);
        message.clear();

        List<String> seen = new ArrayList<>();
        assertThat(channel.drain(e -> {
            assertThat(e).isNotSameAs(message);
            seen.add(e.toString());
        }, 10)).isEqualTo(1);
        assertThat(seen).containsExactly("Envelope{requestId=1, traceId=2, routeId=3, stage=4, originNanos=5,"
                + " sentNanos=6, payload=7}");
    }

    @Test
    void holdsExactlyCapacityMessagesAlthoughJctoolsRoundsItsArraysUp() {
        SpscChannel channel = ChannelTestSupport.channel(5, BackpressurePolicy.RETRY);
        for (int i = 0; i < 5; i++) {
            assertThat(channel.remainingCapacity()).isEqualTo(5 - i);
            assertThat(channel.offer(ChannelTestSupport.message(i))).isEqualTo(SendResult.SENT);
        }
        assertThat(channel.remainingCapacity()).isZero();
        assertThat(channel.offer(ChannelTestSupport.message(5))).isEqualTo(SendResult.BACKPRESSURED);
        assertThat(channel.queued()).isEqualTo(5);
        assertThat(channel.size()).isEqualTo(5);

        ChannelStats stats = channel.stats();
        assertThat(stats.offered()).isEqualTo(5);
        assertThat(stats.backpressured()).isEqualTo(1);
        assertThat(stats.inFlight()).isEqualTo(5);
        assertThat(stats.label()).isEqualTo("a->b");
        assertThat(stats.policy()).isEqualTo(BackpressurePolicy.RETRY);
        assertThat(stats.capacity()).isEqualTo(5);

        // A full batch says nothing about what is behind it; the second full batch in a row is a backlog, and the
        // consumer then counts what it left behind (1 taken + 3 waiting).
        assertThat(channel.drain(envelope -> { }, 1)).isEqualTo(1);
        assertThat(channel.stats().highWaterMark()).isEqualTo(1);
        assertThat(channel.drain(envelope -> { }, 1)).isEqualTo(1);
        assertThat(channel.stats().highWaterMark()).isEqualTo(4);
    }

    @Test
    void highWaterMarkIsWhatAPartialDrainTookOrWhatBackToBackFullBatchesLeftBehind() {
        SpscChannel channel = ChannelTestSupport.channel(64, BackpressurePolicy.RETRY);
        for (int i = 0; i < 3; i++) {
            channel.offer(ChannelTestSupport.message(i));
        }
        assertThat(channel.drain(envelope -> { }, 16)).isEqualTo(3);
        assertThat(channel.stats().highWaterMark()).as("a partial drain took all there was").isEqualTo(3);

        // A consumer that finds one message per drain and nothing in between never counts a backlog.
        for (int i = 0; i < 40; i++) {
            channel.offer(ChannelTestSupport.message(i));
            assertThat(channel.drain(envelope -> { }, 1)).isEqualTo(1);
            assertThat(channel.drain(envelope -> { }, 1)).isZero();
        }
        assertThat(channel.stats().highWaterMark()).isEqualTo(3);

        // A backlog of 40 drained four at a time: the second full batch in a row counts what it left behind.
        for (int i = 0; i < 40; i++) {
            channel.offer(ChannelTestSupport.message(i));
        }
        assertThat(channel.drain(envelope -> { }, 4)).isEqualTo(4);
        assertThat(channel.stats().highWaterMark()).isEqualTo(4);
        assertThat(channel.drain(envelope -> { }, 4)).isEqualTo(4);
        assertThat(channel.stats().highWaterMark()).as("4 taken + 32 waiting").isEqualTo(36);
    }

    @Test
    void drainRespectsItsLimitAndAnswersZeroWhenEmpty() {
        SpscChannel channel = ChannelTestSupport.channel(8, BackpressurePolicy.RETRY);
        for (int i = 0; i < 6; i++) {
            channel.offer(ChannelTestSupport.message(i));
        }
        ChannelTestSupport.SequenceRecorder recorder = new ChannelTestSupport.SequenceRecorder(0);
        assertThat(channel.drain(recorder, 4)).isEqualTo(4);
        assertThat(channel.drain(recorder, 0)).isZero();
        assertThat(channel.drain(recorder, 4)).isEqualTo(2);
        assertThat(channel.drain(recorder, 4)).isZero();
        assertThat(recorder.contiguous).isTrue();
        assertThat(recorder.count).isEqualTo(6);
        assertThatThrownBy(() -> channel.drain(recorder, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopeIsCountedDeliveredAndRecycledEvenWhenTheHandlerThrows() {
        SpscChannel channel = ChannelTestSupport.channel(2, BackpressurePolicy.RETRY);
        channel.offer(ChannelTestSupport.message(0));
        channel.offer(ChannelTestSupport.message(1));

        assertThatThrownBy(() -> channel.drain(e -> {
            throw new IllegalStateException("boom");
        }, 10)).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        ChannelStats stats = channel.stats();
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(channel.queued()).isEqualTo(1);
        assertThat(channel.remainingCapacity()).isEqualTo(1);
        assertThat(channel.offer(ChannelTestSupport.message(2))).isEqualTo(SendResult.SENT);

        ChannelTestSupport.SequenceRecorder recorder = new ChannelTestSupport.SequenceRecorder(0);
        recorder.last = 0;
        assertThat(channel.drain(recorder, 10)).isEqualTo(2);
        assertThat(recorder.contiguous).as("the rest of the batch stayed queued, in order").isTrue();
    }

    @Test
    void failPolicyTellsTheListenerOnceForEachRefusedMessage() {
        List<SpscChannel> failed = new ArrayList<>();
        SpscChannel channel = new SpscChannel(new LinkSpec(2, "io", 0, "rt", 1, BackpressurePolicy.FAIL), failed::add);
        assertThat(channel.offer(ChannelTestSupport.message(0))).isEqualTo(SendResult.SENT);
        assertThat(channel.offer(ChannelTestSupport.message(1))).isEqualTo(SendResult.FAILED);
        assertThat(channel.offer(ChannelTestSupport.message(2))).isEqualTo(SendResult.FAILED);

        assertThat(failed).containsExactly(channel, channel);
        ChannelStats stats = channel.stats();
        assertThat(stats.offered()).isEqualTo(3);
        assertThat(stats.rejected()).isEqualTo(2);
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(channel.fromKernel()).isEqualTo(2);
        assertThat(channel.toKernel()).isZero();
        assertThat(channel.policy()).isEqualTo(BackpressurePolicy.FAIL);
    }
}
