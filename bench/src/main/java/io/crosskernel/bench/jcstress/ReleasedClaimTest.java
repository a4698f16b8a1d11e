package io.crosskernel.bench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The host releases the record a dead producer claimed and never committed while the consumer drains. Before the
 * test, three laps of the ring leave a committed record of an old lap in every slot; one message is sent, and then a
 * claim is made the way Agrona's starts one (the tail moved on, the record's header still zero), which its producer
 * never finishes. The header behind the claimed record is an old lap's committed record: a consumer that steps over
 * the released record must stop there, which the release's ordering (the header at the tail zeroed before the
 * record's length is stored with release) guarantees. The consumer gets the one message, never the stale one.
 */
@JCStressTest
@Description("A record released for a dead producer is stepped over, and nothing stale behind it is read")
@Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE,
        desc = "the consumer's drain took the message or not yet; with the arbiter's, exactly the one message, intact")
@Outcome(expect = FORBIDDEN, desc = "the stale record behind the released one was read, or the message was lost")
@State
public class ReleasedClaimTest {
    private static final int CAPACITY = 4;
    private static final int RECORDS = 8;
    private static final int RECORD_BYTES = 64;
    private static final long LAPPED = 3L * RECORDS;
    private final SpscChannel channel;
    private final Records.SequenceCheck check = new Records.SequenceCheck(LAPPED);
    private int taken;

    public ReleasedClaimTest() {
        AtomicBuffer memory = new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(SpscChannel.ringBytes(CAPACITY), RECORD_BYTES));
        channel = new SpscChannel(new LinkSpec(0, "producer", 1, "consumer", CAPACITY, BackpressurePolicy.RETRY),
                c -> { }, memory);
        Records.SequenceCheck laps = new Records.SequenceCheck(0);
        for (long i = 0; i < LAPPED; i++) {
            channel.offer(Records.message(i));
            channel.drain(laps, 1);
        }
        channel.offer(Records.message(LAPPED));
        int tailIndex = memory.capacity() - RingBufferDescriptor.TRAILER_LENGTH
                + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        memory.putLongRelease(tailIndex, memory.getLongAcquire(tailIndex) + RECORD_BYTES);
    }

    @Actor
    public void host() {
        channel.releaseDeadProducersClaim();
    }

    @Actor
    public void consumer(II_Result r) {
        taken = channel.drain(check, RECORDS);
        r.r1 = taken;
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int rest = channel.drain(check, RECORDS);
        r.r2 = taken + rest == 1 && check.intact && check.next == LAPPED + 1 ? 1 : 0;
    }
}
