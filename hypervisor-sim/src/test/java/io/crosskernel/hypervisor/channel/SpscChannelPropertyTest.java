package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any sequence of offers and drains on one thread, for every policy, against a plain {@link ArrayDeque} model: the
 * counters always add up, the channel never holds more than its capacity, and messages leave in the order they came.
 */
class SpscChannelPropertyTest {

    /** A positive value offers that many messages; zero or a negative value drains up to its absolute value. */
    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(-12, 12).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void countersAddUpCapacityHoldsAndOrderIsFifo(@ForAll @IntRange(min = 1, max = 9) int capacity,
            @ForAll BackpressurePolicy policy, @ForAll("operations") List<Integer> operations) {
        int[] failures = {0};
        SpscChannel channel = new SpscChannel(new LinkSpec(0, "a", 1, "b", capacity, policy), c -> failures[0]++);
        ArrayDeque<Long> model = new ArrayDeque<>();
        Envelope message = new Envelope();
        long nextSequence = 0;
        long expectedBackpressured = 0;
        long expectedRejected = 0;

        for (int op : operations) {
            if (op > 0) {
                for (int i = 0; i < op; i++) {
                    long seq = nextSequence++;
                    message.requestId = seq;
                    SendResult result = channel.offer(message);
                    if (model.size() < capacity) {
                        assertThat(result).isEqualTo(SendResult.SENT);
                        model.addLast(seq);
                    } else {
                        assertThat(result).isEqualTo(expectedRefusal(policy));
                        if (policy == BackpressurePolicy.RETRY) {
                            expectedBackpressured++;
                        } else {
                            expectedRejected++;
                        }
                    }
                }
            } else {
                int limit = -op;
                int expected = Math.min(limit, model.size());
                int drained = channel.drain(e -> assertThat(e.requestId).isEqualTo(model.removeFirst()), limit);
                assertThat(drained).isEqualTo(expected);
            }

            ChannelStats s = channel.stats();
            assertThat(channel.queued()).isEqualTo(model.size()).isLessThanOrEqualTo(capacity);
            assertThat(s.offered()).isEqualTo(s.delivered() + s.rejected() + channel.queued());
            assertThat(s.inFlight()).isEqualTo(channel.queued());
            assertThat(s.rejected()).isEqualTo(expectedRejected);
            assertThat(s.backpressured()).isEqualTo(expectedBackpressured);
            assertThat(s.highWaterMark()).isLessThanOrEqualTo(capacity);
            assertThat(channel.remainingCapacity()).isEqualTo(capacity - model.size());
        }
        assertThat(failures[0]).isEqualTo(policy == BackpressurePolicy.FAIL ? expectedRejected : 0);
    }

    private static SendResult expectedRefusal(BackpressurePolicy policy) {
        switch (policy) {
            case RETRY:
                return SendResult.BACKPRESSURED;
            case DROP_NEWEST:
                return SendResult.DROPPED;
            default:
                return SendResult.FAILED;
        }
    }
}
