package io.crosskernel.hypervisor.host;

import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's count of requests released but not yet completed, failed or dropped, read while the workers run: the
 * drain check ends the run when it is 0 (and every channel is empty).
 *
 * <p>Memory ordering, and why it matters: a request is generated on one worker (its source's) and finished on
 * another, maybe several hops later. Each finishing counter is read with {@code getAcquire} <em>before</em> any
 * generated counter. The workers store their counters with release semantics, and each hop through a channel is a
 * release (the record's commit) and an acquire (the consumer's poll); so a reader that sees a request finished also
 * sees every store that happened before it, the source's {@code generated} among them. Reading in the other order, or
 * with opaque loads, the host could see a request finished but not generated, count one request too few in flight,
 * and end the drain while one is still travelling. Acquire on the generated counters too keeps a later sample from
 * seeing older values than an earlier one. On x86 both loads are plain {@code mov}s; the order is what costs nothing
 * and matters.
 *
 * <p>The result is never below the true count at the moment the last generated counter was read: requests that
 * finish between the reads make it over-count, never under-count (jcstress: {@code DrainCheckOrderTest}).
 *
 * <p>Threading: built on any thread and then read by one (the host's); the counters' writers are the workers.
 */
public final class InFlightRequests {
    private final SingleWriterCounter[] finishing;
    private final SingleWriterCounter[] generated;

    /** Over every route of every worker in {@code workers}. */
    public InFlightRequests(WorkerMetrics[] workers) {
        List<SingleWriterCounter> finishingCounters = new ArrayList<>();
        List<SingleWriterCounter> generatedCounters = new ArrayList<>();
        for (WorkerMetrics worker : workers) {
            for (int r = 0; r < worker.generated.length; r++) {
                finishingCounters.add(worker.completed[r]);
                finishingCounters.add(worker.failed[r]);
                finishingCounters.add(worker.dropped[r]);
                generatedCounters.add(worker.generated[r]);
            }
        }
        this.finishing = finishingCounters.toArray(new SingleWriterCounter[0]);
        this.generated = generatedCounters.toArray(new SingleWriterCounter[0]);
    }

    /**
     * Over the given counters (each written by one worker): the requests counted by {@code generated} minus those
     * counted by {@code finishing} (completed, failed, dropped).
     */
    public InFlightRequests(SingleWriterCounter[] generated, SingleWriterCounter[] finishing) {
        this.generated = generated.clone();
        this.finishing = finishing.clone();
    }

    /** Finished first (acquire), then generated (acquire): see the class comment. */
    public long count() {
        long finished = 0;
        for (SingleWriterCounter counter : finishing) {
            finished += counter.getAcquire();
        }
        long released = 0;
        for (SingleWriterCounter counter : generated) {
            released += counter.getAcquire();
        }
        return released - finished;
    }
}
