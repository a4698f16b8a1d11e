package io.crosskernel.kernels.common;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.trace.TraceSampling;

/**
 * Takes messages from every inbound channel into jobs, never more than there are free jobs: a kernel whose pool is
 * exhausted leaves messages in the channel, which pushes back on the sender.
 *
 * <p>Fairness: each call starts one channel further along than the last (round robin), so when free jobs run out
 * part-way through a call, a different channel goes first next time. A flooded channel therefore cannot starve the
 * others: with {@code n} channels, a channel that holds a message is served within {@code n} calls made while a job
 * is free (see docs/KERNELS.md).
 *
 * <p>Threading: single-threaded; owned by the kernel's dispatching worker (the only one that may drain channels).
 * Allocates nothing after construction: it is its own {@link EnvelopeHandler}.
 */
public final class InboundDrainer implements EnvelopeHandler {
    private final InboundChannel[] channels;
    private final WorkerMetrics metrics;
    private final JobPool pool;
    private final JobSink sink;
    private final Clock clock;
    private final long traceThreshold;
    /** The channel the next call starts with. */
    private int first;

    /**
     * @param worker the dispatching worker whose metrics count messages in
     * @param sink   where received jobs go
     */
    public InboundDrainer(KernelContext context, int worker, JobPool pool, JobSink sink) {
        this(context, context.inbound(), worker, pool, sink);
    }

    /**
     * @param channels the channels to drain: a subset of the kernel's, when it drains some of them otherwise (a
     *                 resharding storage shard takes its peers' copies without jobs)
     */
    public InboundDrainer(KernelContext context, java.util.List<InboundChannel> channels, int worker, JobPool pool,
            JobSink sink) {
        this.channels = channels.toArray(new InboundChannel[0]);
        this.metrics = context.metrics(worker);
        this.pool = pool;
        this.sink = sink;
        this.clock = context.clock();
        this.traceThreshold = context.tracer(worker).sampleThreshold();
    }

    /**
     * Drains each channel once, starting with the channel after the one the last call that took a message started
     * with.
     *
     * @param batch most messages taken from one channel
     * @return how many messages were taken in all
     */
    public int drain(int batch) {
        int n = channels.length;
        if (n == 0) {
            return 0;
        }
        int start = first;
        int taken = 0;
        for (int k = 0; k < n; k++) {
            int limit = Math.min(batch, pool.free());
            if (limit == 0) {
                break;
            }
            int i = start + k < n ? start + k : start + k - n;
            taken += channels[i].drain(this, limit);
        }
        if (taken > 0) {
            // Only a call that took something moves the start on: a call that found nothing changes no state, so a
            // simulation may skip it (Kernel#hasPendingWork) without changing what later calls do.
            first = start + 1 == n ? 0 : start + 1;
        }
        return taken;
    }

    /** Channel callback: copies the message into a job; the envelope goes back to the channel afterwards. */
    @Override
    public void onMessage(Envelope envelope) {
        Job job = pool.acquire();
        if (job == null) {
            // drain() never asks for more messages than there are free jobs.
            throw new IllegalStateException("job pool exhausted while draining " + envelope);
        }
        job.fromEnvelope(envelope);
        if (traceThreshold != TraceSampling.NEVER && TraceSampling.isSampled(job.traceId, traceThreshold)) {
            // Only traced requests pay for the clock read that shows the channel transit in their trace.
            job.receivedNanos = clock.nanoTime();
        }
        metrics.messagesIn.increment();
        sink.accept(job);
    }
}
