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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The exact-capacity edge: a channel of capacity 3 (its ring has 8 records, so only the channel's own check stands
 * between a fourth message and the ring) starts full. The producer offers one more while the consumer takes one. The
 * offer is accepted only once the consumer's slot is free, so the producer never sees more than 3 queued after it;
 * refused, the message is dropped and counted; either way the arbiter finds every accepted message, in order.
 *
 * <p>Results: accepted (1) or dropped (0); what the producer saw queued right after its offer; messages delivered in
 * order and intact in total (-1 if any was not).
 */
@JCStressTest
@Description("A full channel refuses; it accepts exactly when the consumer has freed a slot, never above capacity")
@Outcome(id = "1, 3, 4", expect = ACCEPTABLE, desc = "the consumer freed a slot first: accepted, 3 queued after")
@Outcome(id = "0, 3, 3", expect = ACCEPTABLE, desc = "still full: dropped; the consumer took one afterwards")
@Outcome(id = "0, 2, 3", expect = ACCEPTABLE,
        desc = "full when offered: dropped; the consumer took one between the refusal and the producer's look")
@Outcome(expect = FORBIDDEN, desc = "accepted above capacity, or a message lost, duplicated or overwritten")
@State
public class ExactCapacityTest {
    private static final int CAPACITY = 3;
    private final SpscChannel channel = Records.channel(CAPACITY, BackpressurePolicy.DROP_NEWEST);
    private final Records.SequenceCheck check = new Records.SequenceCheck(0);
    private int taken;

    public ExactCapacityTest() {
        for (int i = 0; i < CAPACITY; i++) {
            channel.offer(Records.message(i));
        }
    }

    @Actor
    public void producer(III_Result r) {
        r.r1 = channel.offer(Records.message(CAPACITY)) == SendResult.SENT ? 1 : 0;
        r.r2 = channel.queued();
    }

    @Actor
    public void consumer() {
        taken = channel.drain(check, 1);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        int delivered = taken + channel.drain(check, 2 * CAPACITY);
        r.r3 = check.intact && check.next == delivered ? delivered : -1;
    }
}
