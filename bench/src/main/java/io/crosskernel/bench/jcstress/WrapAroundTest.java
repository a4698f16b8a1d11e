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
 * Messages that cross the end of the ring: a channel of capacity 4 has a ring of 8 records; six messages sent and
 * taken before the test leave the positions two records from the end, so the test's four messages wrap. The consumer
 * takes what it finds in one drain (which carries on from the start of the ring when a batch reaches its end), the
 * arbiter the rest: all four arrive, in order, every field intact.
 */
@JCStressTest
@Description("Records that wrap around the end of the ring arrive complete and in order")
@Outcome(id = {"0, 1", "1, 1", "2, 1", "3, 1", "4, 1"}, expect = ACCEPTABLE,
        desc = "the consumer's drain took that many, the arbiter the rest: four in order, intact")
@Outcome(expect = FORBIDDEN, desc = "a message was lost, duplicated, reordered or torn across the wrap")
@State
public class WrapAroundTest {
    private static final int BEFORE = 6;
    private static final int MESSAGES = 4;
    private final SpscChannel channel = Records.channel(4, BackpressurePolicy.RETRY);
    private final Records.SequenceCheck check = new Records.SequenceCheck(BEFORE);
    private int taken;

    public WrapAroundTest() {
        Records.SequenceCheck warmup = new Records.SequenceCheck(0);
        for (int i = 0; i < BEFORE; i++) {
            channel.offer(Records.message(i));
            channel.drain(warmup, 1);
        }
    }

    @Actor
    public void producer() {
        for (int i = BEFORE; i < BEFORE + MESSAGES; i++) {
            if (channel.offer(Records.message(i)) != SendResult.SENT) {
                throw new IllegalStateException("a channel of capacity 4 refused its " + (i - BEFORE + 1)
                        + "th message with nothing else queued");
            }
        }
    }

    @Actor
    public void consumer(II_Result r) {
        taken = channel.drain(check, MESSAGES);
        r.r1 = taken;
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int rest = channel.drain(check, 2 * MESSAGES);
        r.r2 = taken + rest == MESSAGES && check.intact && check.next == BEFORE + MESSAGES ? 1 : 0;
    }
}
