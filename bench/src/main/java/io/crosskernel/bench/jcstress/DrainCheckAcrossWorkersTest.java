package io.crosskernel.bench.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.hypervisor.channel.SpscChannel;
import io.crosskernel.hypervisor.host.InFlightRequests;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * The host's drain check ({@link InFlightRequests}, as the host runs it) against a request that is generated on one
 * worker and completed on another: the source counts it generated and sends it through a channel; the finishing
 * worker takes it and counts it completed; the host counts what is in flight meanwhile. Reading the finishing
 * counters first, with acquire loads, the host sees the request generated whenever it sees it completed, so the count
 * is never negative (a negative count would mean the check had missed a request in flight in a busier run, and could
 * end the drain while it still travels).
 *
 * <p>Three actors: jcstress runs it only on a machine with at least three CPUs (the full mode, docs/TESTING.md);
 * {@link DrainCheckOrderTest} checks the same order with two.
 */
@JCStressTest
@Description("A reader that sees finished == N also sees generated >= N: the drain check's read order")
@Outcome(id = "0", expect = ACCEPTABLE, desc = "nothing in flight: not generated yet, or already completed")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "generated, not completed yet")
@Outcome(expect = FORBIDDEN, desc = "completed seen without generated: the check under-counts what is in flight")
@State
public class DrainCheckAcrossWorkersTest {
    private final SingleWriterCounter generated = new SingleWriterCounter();
    private final SingleWriterCounter completed = new SingleWriterCounter();
    private final SpscChannel channel = Records.channel(4, BackpressurePolicy.RETRY);
    private final Records.SequenceCheck check = new Records.SequenceCheck(0);
    private final InFlightRequests inFlight = new InFlightRequests(new SingleWriterCounter[] {generated},
            new SingleWriterCounter[] {completed, new SingleWriterCounter(), new SingleWriterCounter()});

    @Actor
    public void source() {
        generated.increment();
        channel.offer(Records.message(0));
    }

    @Actor
    public void finisher() {
        if (channel.drain(check, 1) == 1) {
            completed.increment();
        }
    }

    @Actor
    public void host(J_Result r) {
        r.r1 = inFlight.count();
    }
}
