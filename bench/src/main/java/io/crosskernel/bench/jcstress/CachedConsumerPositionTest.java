package io.crosskernel.bench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.SpscChannel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The producer's cached copy of the consumer's position: the channel (capacity 4) starts full, so the producer's cache
 * says "full". While the consumer takes two, the producer offers five more; it must re-read the consumer's position
 * (acquire) to accept any, can accept at most the two freed slots, and must never write into a record the consumer
 * has not finished reading. The arbiter checks every message that was accepted arrives once, in order, intact.
 *
 * <p>Results: offers accepted; 1 when the arbiter found messages 0 .. 3 + accepted in order and intact, else 0.
 */
@JCStressTest
@Description("The cached consumer position never lets the producer exceed capacity or overwrite an unread record")
@Outcome(id = {"0, 1", "1, 1", "2, 1"}, expect = ACCEPTABLE,
        desc = "accepted only into slots the consumer had freed; everything delivered intact")
@Outcome(expect = FORBIDDEN, desc = "accepted more than the consumer freed, or a record overwritten or lost")
@State
public class CachedConsumerPositionTest {
    private static final int CAPACITY = 4;
    private static final int TAKEN = 2;
    private static final int OFFERS = 5;
    private final SpscChannel channel = Records.channel(CAPACITY, BackpressurePolicy.DROP_NEWEST);
    private final Records.SequenceCheck check = new Records.SequenceCheck(0);
    private int accepted;

    public CachedConsumerPositionTest() {
        for (int i = 0; i < CAPACITY; i++) {
            channel.offer(Records.message(i));
        }
    }

    @Actor
    public void producer(II_Result r) {
        int sequence = CAPACITY;
        for (int i = 0; i < OFFERS; i++) {
            if (channel.offer(Records.message(sequence)) == SendResult.SENT) {
                sequence++;
            }
        }
        accepted = sequence - CAPACITY;
        r.r1 = accepted;
    }

    @Actor
    public void consumer() {
        channel.drain(check, TAKEN);
    }

    @Arbiter
    public void arbiter(II_Result r) {
        channel.drain(check, 4 * CAPACITY);
        r.r2 = check.intact && check.next == CAPACITY + accepted ? 1 : 0;
    }
}
