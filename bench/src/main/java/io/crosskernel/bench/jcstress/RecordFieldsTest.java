package io.crosskernel.bench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.hypervisor.channel.SpscChannel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A record is published by its commit (a release store of its length, polled with an acquire load): a consumer that
 * finds the record finds every one of its seven fields as the producer wrote them.
 */
@JCStressTest
@Description("Every field of a 64-byte record written by the producer is seen complete by the consumer")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the consumer looked before the commit: nothing to read")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the consumer read the record, every field the producer's")
@Outcome(expect = FORBIDDEN, desc = "a field was torn or not yet written when the record was read")
@State
public class RecordFieldsTest {
    private final SpscChannel channel = Records.channel(4, BackpressurePolicy.RETRY);
    private final Records.SequenceCheck check = new Records.SequenceCheck(0);

    @Actor
    public void producer() {
        channel.offer(Records.message(0));
    }

    @Actor
    public void consumer(II_Result r) {
        r.r1 = channel.drain(check, 1);
        r.r2 = check.intact ? 1 : 0;
    }
}
