package io.crosskernel.bench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.hypervisor.host.InFlightRequests;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * The host's drain check ({@link InFlightRequests}, as the host runs it) against a worker that generates a request
 * and completes it (a one-stage route): the worker's counters are release stores, the check reads completed before
 * generated with acquire loads, so a check that sees the request completed also sees it generated. The second result
 * is the same count read the other way round (generated, then completed): whenever the worker runs between those two
 * reads it comes out -1, a request finished that was never generated. That is the interesting outcome jcstress
 * reports, and the reason the check reads in its order.
 *
 * <p>{@link DrainCheckAcrossWorkersTest} checks the same order for a request that crosses a channel between workers.
 */
@JCStressTest
@Description("A reader that sees finished == N also sees generated >= N: the drain check's read order")
@Outcome(id = {"0, 0", "1, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE,
        desc = "the check counts 0 or 1 in flight (not generated yet / already completed, or in between)")
@Outcome(id = {"0, -1", "1, -1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "read in the reverse order, completed was seen without generated; the check's own order never is")
@Outcome(expect = FORBIDDEN, desc = "the check saw the request completed but not generated")
@State
public class DrainCheckOrderTest {
    private final SingleWriterCounter generated = new SingleWriterCounter();
    private final SingleWriterCounter completed = new SingleWriterCounter();
    private final InFlightRequests inFlight = new InFlightRequests(new SingleWriterCounter[] {generated},
            new SingleWriterCounter[] {completed});

    @Actor
    public void worker() {
        generated.increment();
        completed.increment();
    }

    @Actor
    public void host(JJ_Result r) {
        r.r1 = inFlight.count();
        long released = generated.getOpaque();
        r.r2 = released - completed.getOpaque();
    }
}
