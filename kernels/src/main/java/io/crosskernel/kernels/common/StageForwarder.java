package io.crosskernel.kernels.common;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.Reshard;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.jfr.DeadlineMissEvent;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.HopTracer;
import io.crosskernel.api.trace.TraceSampling;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides where a request goes after one of its stages completed on this kernel, and accounts for it.
 *
 * <ul>
 *   <li>Last stage of the route: counted as completed, end-to-end latency recorded from its release, and a deadline
 *       miss counted (and recorded as a JFR {@link DeadlineMissEvent} when a recording takes it) when the route has
 *       a deadline and it was exceeded.</li>
 *   <li>Next stage on this kernel: handed back to the kernel's {@link JobSink} with arrival = now.</li>
 *   <li>Next stage on another kernel: offered on the channel to it. A channel that answers
 *       {@link SendResult#BACKPRESSURED} leaves the job with us: it joins a per-destination FIFO that
 *       {@link #retryHeld(long)} offers again, oldest first, before anything newer to the same destination, so the
 *       receiver sees the sender's order. A dropped or failed offer, or a missing channel, counts the request as
 *       dropped.</li>
 *   <li>Next stage addressed to a shard group ({@link Stage#sharded()}): the destination is the shard that owns
 *       the request's key ({@link ShardRouting}, the payload), computed here; everything above then applies to
 *       that shard's channel, so requests with one key keep their order.</li>
 *   <li>A group that reshards live ({@link Stage#reshard()}): routed among {@code from} shards until this sender's
 *       switch, among {@code to} after it. The switch happens in the first {@link #retryHeld} call at or after the
 *       reshard time: one {@link ReshardMessages#MARKER} per shard that loses keys is queued behind everything
 *       already sent or held for it, and only then does routing change, so on each channel to a losing shard the
 *       marker separates the requests routed by the old count from those routed by the new one
 *       (docs/SHARDING.md). A marker is never dropped: a channel that refuses it keeps it held until it takes
 *       it.</li>
 * </ul>
 *
 * <p>Threading: single-threaded; owned by the kernel's dispatching worker (worker 0), the only thread that may offer
 * on outbound channels. It writes only that worker's {@link WorkerMetrics} and {@link HopTracer}: every stage
 * completion passes here, so this is where a sampled request's hop is recorded (one branch when tracing is off). Steady state allocates nothing: channels
 * are looked up once, in the constructor.
 */
public final class StageForwarder {
    private final KernelContext context;
    private final int worker;
    private final int kernelId;
    private final String kernelName;
    private final Route[] routes;
    private final WorkerMetrics metrics;
    private final JobPool pool;
    private final JobSink local;
    private final OutboundChannel[] outbound;
    private final JobQueue[] held;
    private final Envelope scratch = new Envelope();
    private final HopTracer tracer;
    private final long traceThreshold;
    private final JobSink afterTask = this::afterTask;
    private int heldTotal;
    /**
     * Per kernel id: the shard count this sender routes among for the group whose first shard has that id, when the
     * group reshards (read only for stages with a reshard). Written by this worker at its switch; plain.
     */
    private final int[] routedShards;
    /** First kernel ids of the resharding groups this kernel sends to that it has not switched yet. */
    private final int[] pendingGroups;
    private final Reshard[] pendingReshards;
    private int pending;
    /** Latched once the host opened the sources: before that the run's start time is not valid. */
    private boolean runStarted;

    /**
     * @param context the kernel's context (routes and channels are read once, here)
     * @param worker  the dispatching worker whose metrics this forwarder writes
     * @param pool    where finished jobs are returned
     * @param local   where jobs whose next stage runs on this kernel go
     */
    public StageForwarder(KernelContext context, int worker, JobPool pool, JobSink local) {
        this.context = context;
        this.worker = worker;
        this.kernelId = context.kernelId();
        this.kernelName = context.kernelName();
        this.routes = context.routes().toArray(new Route[0]);
        this.metrics = context.metrics(worker);
        this.pool = pool;
        this.local = local;
        this.tracer = context.tracer(worker);
        this.traceThreshold = tracer.sampleThreshold();
        int kernels = kernelIdBound(context);
        this.outbound = new OutboundChannel[kernels];
        this.held = new JobQueue[kernels];
        for (int k = 0; k < kernels; k++) {
            held[k] = new JobQueue();
            if (k != kernelId) {
                outbound[k] = context.outboundTo(k);
            }
        }
        this.routedShards = new int[kernels];
        Map<Integer, Reshard> groups = reshardingGroups(context);
        this.pendingGroups = new int[groups.size()];
        this.pendingReshards = new Reshard[groups.size()];
        for (Map.Entry<Integer, Reshard> group : groups.entrySet()) {
            pendingGroups[pending] = group.getKey();
            pendingReshards[pending] = group.getValue();
            routedShards[group.getKey()] = group.getValue().from();
            pending++;
        }
    }

    /**
     * The resharding groups {@code context}'s kernel sends to (runs the stage before a stage addressed to one), by
     * their first kernel id, in id order. Boot time; allocates.
     */
    static Map<Integer, Reshard> reshardingGroups(KernelContext context) {
        Map<Integer, Reshard> groups = new TreeMap<>();
        for (Route route : context.routes()) {
            for (int s = 1; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (stage.reshard() != null && route.stage(s - 1).runsOn(context.kernelId())) {
                    groups.put(stage.kernelId(), stage.reshard());
                }
            }
        }
        return groups;
    }

    /** One more than the largest kernel id this kernel's routes and channels mention. */
    static int kernelIdBound(KernelContext context) {
        int max = context.kernelId();
        for (Route route : context.routes()) {
            for (Stage stage : route.stages()) {
                max = Math.max(max, stage.lastKernelId());
            }
        }
        return max + 1;
    }

    /**
     * Moves a job whose stage {@code job.stage} has just completed on this kernel to wherever it goes next. Takes
     * ownership of the job: it is requeued, sent (and returned to the pool), held for retry, or returned to the
     * pool.
     *
     * @param now when the stage completed: completion time for the last stage, arrival time for a local next stage,
     *            hop timestamp for a message
     */
    public void forward(Job job, long now) {
        Route route = routes[job.routeId];
        int routeId = job.routeId;
        metrics.stageLatency[routeId][job.stage].record(now - job.arrivalNanos);
        if (route.isLastStage(job.stage)) {
            trace(job, job.stage, now, HopOutcome.COMPLETED);
            long endToEnd = now - job.originNanos;
            metrics.completed[routeId].increment();
            metrics.endToEnd[routeId].record(endToEnd);
            if (route.deadlineNanos() > 0 && endToEnd > route.deadlineNanos()) {
                metrics.deadlineMisses[routeId].increment();
                metrics.misses.record(MissKind.ROUTE, routeId, job.originNanos, job.arrivalNanos, now,
                        job.originNanos + route.deadlineNanos(), job.overran);
                DeadlineMissEvent.emit(kernelName, route.name(), "", route.deadlineNanos(), endToEnd);
            }
            pool.release(job);
            return;
        }
        int nextStage = job.stage + 1;
        Stage next = route.stage(nextStage);
        // A stage addressed to a shard group goes to the shard that owns the request's key, chosen here by the
        // sender itself (ShardRouting): one channel per (sender, shard), no router in between.
        int shards = next.reshard() == null ? next.shards() : routedShards[next.kernelId()];
        int destination = next.kernelId() + ShardRouting.shardOf(job.payload, shards);
        if (destination == kernelId) {
            trace(job, job.stage, now, HopOutcome.LOCAL);
            job.stage = nextStage;
            job.arrivalNanos = now;
            job.receivedNanos = 0;
            job.faultInjected = false;
            job.failed = false;
            local.accept(job);
            return;
        }
        int completedStage = job.stage;
        job.stage = nextStage;
        OutboundChannel channel = destination < outbound.length ? outbound[destination] : null;
        if (channel == null) {
            trace(job, completedStage, now, HopOutcome.DROPPED);
            metrics.dropped[routeId].increment();
            pool.release(job);
            context.reportTaskError(worker, route.name() + "#" + nextStage, new IllegalStateException("kernel "
                    + context.kernelName() + " has no channel to kernel " + route.stage(nextStage).kernelName()
                    + " for stage " + nextStage + " of route '" + route.name() + "'"));
            return;
        }
        JobQueue waiting = held[destination];
        if (!waiting.isEmpty()) {
            // Older jobs to this destination are still waiting: going first would reorder the stream.
            trace(job, completedStage, now, HopOutcome.HELD);
            hold(waiting, job);
            return;
        }
        SendResult result = offer(channel, job, now);
        if (result == SendResult.BACKPRESSURED) {
            trace(job, completedStage, now, HopOutcome.HELD);
            hold(waiting, job);
        } else {
            trace(job, completedStage, now, result == SendResult.SENT ? HopOutcome.FORWARDED : HopOutcome.DROPPED);
            pool.release(job);
        }
    }

    /**
     * Takes a job whose task has just run (see {@link DispatcherCore}): a failed one ends here
     * ({@link #releaseFailed}), a finished one moves on ({@link #forward}, at {@link Job#doneNanos}). Takes ownership.
     */
    public void afterTask(Job job) {
        if (job.failed) {
            releaseFailed(job);
        } else {
            forward(job, job.doneNanos);
        }
    }

    /** The {@link JobSink} a worker-0 {@link DispatcherCore} hands every job to after its task: {@link #afterTask}. */
    public JobSink afterTaskSink() {
        return afterTask;
    }

    /**
     * Returns a job whose task threw to the pool: the request ends here (the kernel has already counted it as
     * failed). Records its last hop when it is traced.
     *
     * @param job a job with {@link Job#failed} set and {@link Job#doneNanos} stamped
     */
    public void releaseFailed(Job job) {
        trace(job, job.stage, job.doneNanos, HopOutcome.FAILED);
        pool.release(job);
    }

    /** Records the hop of {@code job}'s stage {@code stage} when the run is traced and the request is sampled. */
    private void trace(Job job, int stage, long now, HopOutcome outcome) {
        if (traceThreshold != TraceSampling.NEVER && TraceSampling.isSampled(job.traceId, traceThreshold)) {
            long received = job.receivedNanos != 0 ? job.receivedNanos : job.arrivalNanos;
            tracer.recordHop(job.traceId, job.requestId, job.routeId, stage, job.originNanos, job.arrivalNanos,
                    received, now, outcome);
        }
    }

    /**
     * Offers held jobs again, oldest first per destination, stopping at a destination's first refusal. Call at the
     * start of every duty cycle, before anything new is forwarded.
     *
     * @param now the hop timestamp stamped on the messages sent now
     * @return how many held jobs left (sent or dropped)
     */
    public int retryHeld(long now) {
        int moved = pending > 0 ? switchDueGroups(now) : 0;
        if (heldTotal == 0) {
            return moved;
        }
        for (int k = 0; k < held.length; k++) {
            JobQueue waiting = held[k];
            Job job;
            while ((job = waiting.peek()) != null) {
                SendResult result = offer(outbound[k], job, now);
                if (result == SendResult.BACKPRESSURED
                        || result != SendResult.SENT && ReshardMessages.isControl(job.routeId)) {
                    break;
                }
                // Unlink before releasing: the pool clears the job's link to the next held job.
                waiting.poll();
                pool.release(job);
                heldTotal--;
                moved++;
            }
        }
        metrics.heldForRetry.set(heldTotal);
        return moved;
    }

    /**
     * Switches every resharding group whose time has come: queues a marker to each of its losing shards (behind what
     * is held for it), then routes among the new count. Postponed to a later call, whole, while the pool has fewer
     * free jobs than markers to queue: a group is switched with all its markers or not at all.
     *
     * @return markers sent at once
     */
    private int switchDueGroups(long now) {
        if (!runStarted) {
            if (!context.sourcesOpen()) {
                return 0;
            }
            runStarted = true; // the start time is published before the open flag (KernelContext#runStartNanos)
        }
        long elapsed = now - context.runStartNanos();
        int sent = 0;
        for (int g = pending - 1; g >= 0; g--) {
            Reshard reshard = pendingReshards[g];
            if (elapsed < reshard.atNanos() || pool.free() < reshard.losingShards()) {
                continue;
            }
            int first = pendingGroups[g];
            for (int i = 0; i < reshard.kernels(); i++) {
                if (reshard.loses(i)) {
                    sent += sendMarker(first, first + i, now);
                }
            }
            routedShards[first] = reshard.to();
            // Swap-remove: order among pending groups does not matter.
            pending--;
            pendingGroups[g] = pendingGroups[pending];
            pendingReshards[g] = pendingReshards[pending];
        }
        return sent;
    }

    /** Queues one marker to {@code shard}: sent now when nothing is held for it and it takes it, else held. */
    private int sendMarker(int groupFirstId, int shard, long now) {
        Job marker = pool.acquire();
        marker.routeId = ReshardMessages.MARKER;
        marker.requestId = kernelId;
        marker.traceId = 0;
        marker.payload = groupFirstId;
        marker.stage = 0;
        marker.originNanos = now;
        JobQueue waiting = held[shard];
        if (waiting.isEmpty() && offer(outbound[shard], marker, now) == SendResult.SENT) {
            pool.release(marker);
            return 1;
        }
        hold(waiting, marker);
        return 0;
    }

    /**
     * When the next resharding group is due to switch ({@link Kernel#NO_WAKE} when none is, or the run has not
     * started): a simulated idle core must wake then to send the markers ({@link Kernel#nextWakeNanos}).
     */
    public long nextSwitchNanos() {
        if (pending == 0 || !runStarted && !context.sourcesOpen()) {
            return Kernel.NO_WAKE;
        }
        long earliest = Kernel.NO_WAKE;
        for (int g = 0; g < pending; g++) {
            earliest = Math.min(earliest, context.runStartNanos() + pendingReshards[g].atNanos());
        }
        return earliest;
    }

    /** @return jobs held because their channel was full */
    public int heldCount() {
        return heldTotal;
    }

    /** Offers once and counts the outcome; on any outcome but BACKPRESSURED the caller releases the job. */
    private SendResult offer(OutboundChannel channel, Job job, long now) {
        job.toEnvelope(scratch, job.stage, now);
        SendResult result = channel.offer(scratch);
        switch (result) {
            case SENT:
                metrics.messagesOut.increment();
                break;
            case BACKPRESSURED:
                metrics.backpressureEvents.increment();
                break;
            default: // DROPPED or FAILED: the channel counted it as rejected
                if (!ReshardMessages.isControl(job.routeId)) {
                    metrics.dropped[job.routeId].increment(); // a marker is kept and offered again instead
                }
                break;
        }
        return result;
    }

    private void hold(JobQueue waiting, Job job) {
        waiting.add(job);
        heldTotal++;
        metrics.heldForRetry.set(heldTotal);
    }
}
