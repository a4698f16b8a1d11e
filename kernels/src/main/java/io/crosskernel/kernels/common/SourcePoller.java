package io.crosskernel.kernels.common;

import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.GeneratedPublisher;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.KeyWorkload;
import io.crosskernel.api.workload.Source;

/**
 * Releases the arrivals of this kernel's sources whose time has come, each as a job for the route's first stage.
 *
 * <p>A job's origin is the arrival's <em>scheduled</em> release ({@code runStart + offset}), not the time it was
 * polled: a kernel that falls behind still charges the wait to the request, which keeps latency
 * coordinated-omission-correct. Request ids are {@code (routeId << 40) | sequence}, unique within the run. The
 * payload is the sequence number, or for a keyed workload ({@link KeyWorkload}) the key of that sequence number.
 *
 * <p>Each release is counted in the worker's {@code generated} counter and published through the context's
 * {@link GeneratedPublisher} before the job reaches the sink.
 *
 * <p>Threading: single-threaded; owned by the kernel's dispatching worker (the only one that may poll sources).
 * Allocates nothing after construction.
 */
public final class SourcePoller {
    private static final int SEQUENCE_BITS = 40;

    private final KernelContext context;
    private final Source[] sources;
    private final ArrivalSchedule[] schedules;
    private final WorkerMetrics metrics;
    /** Where each release is counted for readers in another process; {@link GeneratedPublisher#NONE} otherwise. */
    private final GeneratedPublisher generatedPublisher;
    private final JobPool pool;
    private final JobSink sink;
    private final long[] nextSequence;
    /** Per route: its keys when the workload is keyed ({@code kv:}), else null (the payload is the sequence). */
    private final KeyWorkload[] keys;
    private int firstSource;

    /**
     * @param worker the dispatching worker whose metrics count generated requests
     * @param sink   where released jobs go (the first stage runs on this kernel)
     */
    public SourcePoller(KernelContext context, int worker, JobPool pool, JobSink sink) {
        this.context = context;
        this.sources = context.sources().toArray(new Source[0]);
        this.schedules = new ArrivalSchedule[sources.length];
        for (int i = 0; i < sources.length; i++) {
            schedules[i] = sources[i].schedule();
        }
        this.metrics = context.metrics(worker);
        this.generatedPublisher = context.generatedPublisher(worker);
        this.pool = pool;
        this.sink = sink;
        this.nextSequence = new long[context.routes().size()];
        this.keys = new KeyWorkload[context.routes().size()];
        for (io.crosskernel.api.workload.Route route : context.routes()) {
            keys[route.id()] = route.keys();
        }
    }

    /**
     * Releases due arrivals while sources are open and jobs are free.
     *
     * @param now   current clock time
     * @param limit most arrivals to release in this call, over all sources
     * @return how many were released
     */
    public int poll(long now, int limit) {
        if (sources.length == 0 || !context.sourcesOpen()) {
            return 0;
        }
        long runStart = context.runStartNanos();
        int released = 0;
        // Start from a different source each cycle that releases something, so a backlogged source cannot take every
        // slot every time; a call that releases nothing changes no state (a simulation may skip it, see
        // Kernel#hasPendingWork, without changing what later calls do).
        int start = firstSource;
        for (int n = 0; n < sources.length && released < limit; n++) {
            int i = start + n < sources.length ? start + n : start + n - sources.length;
            ArrivalSchedule schedule = schedules[i];
            int routeId = sources[i].route().id();
            long offset;
            while (released < limit && (offset = schedule.peek()) != ArrivalSchedule.NO_MORE_ARRIVALS
                    && runStart + offset <= now) {
                Job job = pool.acquire();
                if (job == null) {
                    return rotated(start, released);
                }
                long sequence = nextSequence[routeId]++;
                job.requestId = ((long) routeId << SEQUENCE_BITS) | sequence;
                job.traceId = job.requestId;
                job.routeId = routeId;
                job.stage = 0;
                job.originNanos = runStart + offset;
                job.arrivalNanos = job.originNanos;
                KeyWorkload keyed = keys[routeId];
                job.payload = keyed == null ? sequence : keyed.key(sequence);
                job.faultInjected = false;
                job.failed = false;
                schedule.advance();
                metrics.generated[routeId].increment();
                // Before the job goes anywhere (the sink may run, drop or hand it to another worker; passing it on
                // comes later): in a kernel process a release store of the count into the shared counter, so the
                // host never finds this request passed on, finished or dropped without finding it generated, even
                // after a crash. Program order and this release store suffice: every way the job leaves the process
                // (a ring offer's commit) or reaches another thread (a run queue's offer) is itself a release that
                // comes after it. Nothing in the host's threads (NONE).
                generatedPublisher.publish(routeId);
                released++;
                sink.accept(job);
            }
        }
        return rotated(start, released);
    }

    /** Moves the first source on when this call released something; returns {@code released}. */
    private int rotated(int start, int released) {
        if (released > 0) {
            firstSource = start + 1 == sources.length ? 0 : start + 1;
        }
        return released;
    }
}
