package io.crosskernel.kernels.common;

import io.crosskernel.api.Envelope;

/**
 * One request while a kernel holds it: its identity, where it is on its route, and its timestamps.
 *
 * <p>Pooled and mutable: a {@link JobPool} owns a fixed set of jobs, created at boot and reused for the whole run.
 * Ownership: exactly one thread touches a job at a time. A kernel's dispatching worker takes it from the pool; it may
 * hand it to another worker of the same kernel through a single-producer single-consumer queue (which publishes it
 * safely) and get it back the same way; only the dispatching worker returns it to the pool.
 */
public final class Job {
    /** Unique per request within a run, assigned by the source that created it. */
    public long requestId;
    /** Identifies the request across kernels in traces. */
    public long traceId;
    /** Index of the route the request follows. */
    public int routeId;
    /** Index of the stage on the route that runs next (while queued) or ran last (once finished). */
    public int stage;
    /** Release time at the source: end-to-end latency is measured from here, never from when it was polled. */
    public long originNanos;
    /** When it reached this kernel: the release for a source, the envelope's hop timestamp for a message. */
    public long arrivalNanos;
    /** Application payload carried along the route. */
    public long payload;
    /**
     * When this kernel took the message off its channel, read only for traced requests (see
     * {@link io.crosskernel.api.trace.TraceSampling}); 0 when not read, and then the arrival stands in for it.
     */
    public long receivedNanos;

    /** Kernel-specific scheduling group the job is queued in (for the general kernel: its (route, stage) pair). */
    public int group;
    /** Set by the dispatcher when fault injection selects this task: running it throws. */
    public boolean faultInjected;
    /** Set by the worker that ran the task: true when it threw. */
    public boolean failed;
    /**
     * Set when a stage of this request ran past its budget on this kernel; read when the request misses its deadline,
     * to attribute the miss (an overrun is not carried across channels). Cleared when the job leaves the pool.
     */
    public boolean overran;
    /** Clock time at which the worker finished the task (successfully or not). */
    public long doneNanos;

    /** Intrusive link for {@link JobQueue}: a job is in at most one queue at a time. */
    Job next;
    /** True while the job sits in its pool: catches a double release. */
    boolean pooled;

    /** Copies a received message into this job; the arrival at this kernel is the message's hop timestamp. */
    public void fromEnvelope(Envelope envelope) {
        requestId = envelope.requestId;
        traceId = envelope.traceId;
        routeId = envelope.routeId;
        stage = envelope.stage;
        originNanos = envelope.originNanos;
        arrivalNanos = envelope.sentNanos;
        payload = envelope.payload;
        receivedNanos = 0;
        faultInjected = false;
        failed = false;
    }

    /** Fills {@code envelope} to send this job on, asking the receiver to run stage {@code nextStage}. */
    public void toEnvelope(Envelope envelope, int nextStage, long sentNanos) {
        envelope.requestId = requestId;
        envelope.traceId = traceId;
        envelope.routeId = routeId;
        envelope.stage = nextStage;
        envelope.originNanos = originNanos;
        envelope.sentNanos = sentNanos;
        envelope.payload = payload;
    }

    @Override
    public String toString() {
        return "Job{requestId=" + requestId + ", routeId=" + routeId + ", stage=" + stage + ", originNanos="
                + originNanos + ", arrivalNanos=" + arrivalNanos + '}';
    }
}
