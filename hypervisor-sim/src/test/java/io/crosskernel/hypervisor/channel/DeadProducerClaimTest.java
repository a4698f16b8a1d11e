package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

/**
 * A producer process killed inside an offer, as the host meets it: the ring in shared memory, the dead producer's
 * record claimed and not committed, the consumer still running, and a restarted producer carrying on over the same
 * memory. Each channel object here stands for one process's view of the one ring.
 */
class DeadProducerClaimTest {
    private static final int CAPACITY = 4;
    /** The ring's records: the capacity's power of two, doubled. */
    private static final int RECORDS = 8;
    private static final long LAPPED = 3L * RECORDS;
    private static final LinkSpec LINK = new LinkSpec(0, "a", 1, "b", CAPACITY, BackpressurePolicy.RETRY);

    private final AtomicBuffer memory = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(SpscChannel.ringBytes(CAPACITY), 64));
    /** The host's view: it consumes here, and releases the dead producer's claim. */
    private final SpscChannel host = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
    private final List<Long> received = new ArrayList<>();
    private long nextSequence;

    @Test
    void theRingHasTheRecordsTheseTestsAssume() {
        assertThat(memory.capacity() - RingBufferDescriptor.TRAILER_LENGTH).isEqualTo(RECORDS * SpscChannel.RECORD_BYTES);
    }

    @Test
    void releasesARecordWhoseProducerDiedBetweenMovingTheTailAndMarkingTheRecord() {
        SpscChannel dead = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
        lapTheRing(dead); // every record's header now holds a committed message of an earlier lap
        send(dead, 2);
        // Agrona's claim moves the tail first; the claimed record's header is still the zero the previous claim
        // wrote, and the header behind it still a committed record of the last lap.
        long tail = memory.getLongAcquire(tailIndex());
        memory.putLongRelease(tailIndex(), tail + SpscChannel.RECORD_BYTES);

        assertThat(drainAll()).as("the two sent before the kill").isEqualTo(2);
        assertThat(drainAll()).as("the consumer waits at the dead producer's record").isZero();
        assertThat(host.stats().inFlight()).isEqualTo(1);

        // The host, before it starts a new process for the kernel.
        assertThat(host.releaseDeadProducersClaim()).isEqualTo(1);
        SpscChannel restarted = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
        send(restarted, 1);
        assertThat(drainAll()).isEqualTo(1);
        assertThat(received).as("in order, none lost but the dead one's, no stale record of the last lap")
                .containsExactly(LAPPED, LAPPED + 1, LAPPED + 2);
        assertBalanced(LAPPED + 3);
    }

    @Test
    void stopsAtTheTailWhenTheReleasedRecordIsTheLastOneInTheRing() {
        SpscChannel dead = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
        lapTheRing(dead);
        long tail = memory.getLongAcquire(tailIndex());
        memory.putLongRelease(tailIndex(), tail + SpscChannel.RECORD_BYTES);

        assertThat(host.releaseDeadProducersClaim()).isEqualTo(1);
        // Behind the released record lies a committed record of the previous lap: the release zeroed its header.
        assertThat(drainAll()).as("no stale record read past the tail").isZero();
        assertBalanced(LAPPED);
        SpscChannel restarted = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
        send(restarted, CAPACITY);
        assertThat(restarted.offer(ChannelTestSupport.message(-1))).as("capacity is exact again")
                .isEqualTo(SendResult.BACKPRESSURED);
        assertThat(drainAll()).isEqualTo(CAPACITY);
        assertThat(received).containsExactly(LAPPED, LAPPED + 1, LAPPED + 2, LAPPED + 3);
        assertBalanced(LAPPED + CAPACITY);
    }

    @Test
    void releasesARecordClaimedThroughAgronaAndNeverCommitted() {
        SpscChannel dead = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
        send(dead, 3);
        int index = new OneToOneRingBuffer(memory).tryClaim(1, SpscChannel.RECORD_BYTES - 8);
        assertThat(index).isPositive(); // the length is now negative: the record is in progress

        assertThat(host.releaseDeadProducersClaim()).isEqualTo(1);
        assertThat(drainAll()).isEqualTo(3);
        send(new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory), 2);
        assertThat(drainAll()).isEqualTo(2);
        assertThat(received).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertBalanced(5);
        assertThat(host.releaseDeadProducersClaim()).as("only the dead producer's one record").isZero();
    }

    @Test
    void leavesACommittedRecordAndAnEmptyRingAlone() {
        SpscChannel dead = new SpscChannel(LINK, ChannelTestSupport.IGNORE_FAILURE, memory);
        assertThat(host.releaseDeadProducersClaim()).as("empty ring").isZero();
        send(dead, 2);
        assertThat(host.releaseDeadProducersClaim()).as("died after committing its offer").isZero();
        assertThat(drainAll()).isEqualTo(2);
        assertThat(host.releaseDeadProducersClaim()).as("everything consumed").isZero();
        assertBalanced(2);
    }

    /**
     * Sends and drains one message at a time through three laps of the ring, so that every record holds a committed
     * message of an old lap; the next sequence number is then {@link #LAPPED}, at the ring's first record.
     */
    private void lapTheRing(SpscChannel producer) {
        while (nextSequence < LAPPED) {
            send(producer, 1);
            drainAll();
        }
        received.clear();
    }

    private void send(SpscChannel producer, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(producer.offer(ChannelTestSupport.message(nextSequence++))).isEqualTo(SendResult.SENT);
        }
    }

    private int drainAll() {
        return host.drain(e -> received.add(e.requestId), 64);
    }

    private int tailIndex() {
        return memory.capacity() - RingBufferDescriptor.TRAILER_LENGTH + RingBufferDescriptor.TAIL_POSITION_OFFSET;
    }

    /** Sent, delivered and in flight as the host counts them: the released record is none of them. */
    private void assertBalanced(long sent) {
        ChannelStats stats = host.stats();
        assertThat(stats.offered()).isEqualTo(sent);
        assertThat(stats.inFlight()).isZero();
        assertThat(stats.delivered()).isEqualTo(sent);
    }
}
