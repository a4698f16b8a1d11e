package io.crosskernel.bench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.crosskernel.api.metrics.SingleWriterCounter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * A {@link SingleWriterCounter} read twice by another thread (opaque loads, as the host samples it) never goes
 * backwards: the second read is never older than the first.
 */
@JCStressTest
@Description("A reader never sees a single-writer counter go backwards")
@Outcome(id = {"0, 0", "0, 1", "0, 2", "1, 1", "1, 2", "2, 2"}, expect = ACCEPTABLE,
        desc = "the second read is the first value or a later one")
@Outcome(expect = FORBIDDEN, desc = "the second read is older than the first, or a value never written")
@State
public class CounterNeverGoesBackwardsTest {
    private final SingleWriterCounter counter = new SingleWriterCounter();

    @Actor
    public void writer() {
        counter.increment();
        counter.increment();
    }

    @Actor
    public void reader(JJ_Result r) {
        r.r1 = counter.getOpaque();
        r.r2 = counter.getOpaque();
    }
}
