package com.example.ratelimit;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token-bucket rate limiter on one core. Each request that reaches its stage, from a channel or from a source whose
 * first stage runs here, takes a token and moves on (to the next stage's kernel, or completes when this was the last
 * stage), or finds the bucket empty and is shed: counted as dropped on its route, so the run's accounting still holds
 * ({@code generated = completed + failed + dropped + in flight}).
 *
 * <p>Threading: the host calls {@link #onBoot} and then {@link #stats()} on its own thread; {@link #doWork(int)} runs on
 * the one worker thread, which alone drains the inbound channels, offers on the outbound ones and polls the sources.
 * The figures are plain fields written by that worker only; {@link #stats()} reads them after the worker stopped
 * (the host's join orders the reads after the writes).
 *
 * <p>Hot path: {@code doWork} reads the injected {@link Clock}, never blocks (a full {@code retry} channel leaves the
 * message in {@link HeldMessages} for a later cycle), and allocates nothing: the envelopes, the hold ring and the
 * channel handler are all created at boot.
 */
final class TokenBucketKernel implements Kernel {
    /** Source request ids are {@code routeId << 40 | sequence}, as the built-in kernels make them: unique per run. */
    private static final int SEQUENCE_BITS = 40;

    private final RateLimitSettings settings;
    private final HeldMessages held;
    private final Envelope request = new Envelope();
    private final EnvelopeHandler fromChannel = this::onChannelMessage;

    private KernelContext context;
    private Clock clock;
    private WorkerMetrics metrics;
    private TokenBucket bucket;
    private Route[] routes;
    private InboundChannel[] inbound;
    private OutboundChannel[] outbound;
    private Source[] sources;
    private ArrivalSchedule[] schedules;
    private long[] nextSequence;
    private long now;

    private long admitted;
    private long shed;
    private long forwarded;
    private long completedHere;
    private long rejectedByChannels;

    TokenBucketKernel(RateLimitSettings settings) {
        this.settings = settings;
        this.held = new HeldMessages(settings.hold());
    }

    @Override
    public void onBoot(KernelContext context) {
        this.context = context;
        this.clock = context.clock();
        this.metrics = context.metrics(0);
        this.bucket = new TokenBucket(settings.ratePerSecond(), settings.burst(), clock.nanoTime());
        this.routes = context.routes().toArray(new Route[0]);
        this.inbound = context.inbound().toArray(new InboundChannel[0]);
        this.sources = context.sources().toArray(new Source[0]);
        this.schedules = new ArrivalSchedule[sources.length];
        for (int i = 0; i < sources.length; i++) {
            schedules[i] = sources[i].schedule();
        }
        this.nextSequence = new long[routes.length];
        int maxKernelId = context.kernelId();
        for (Route route : routes) {
            for (Stage stage : route.stages()) {
                maxKernelId = Math.max(maxKernelId, stage.kernelId());
            }
        }
        this.outbound = new OutboundChannel[maxKernelId + 1];
        for (Route route : routes) {
            for (int s = 0; s + 1 < route.stages().size(); s++) {
                int next = route.stage(s + 1).kernelId();
                if (route.stage(s).kernelId() == context.kernelId() && next != context.kernelId()) {
                    outbound[next] = context.outboundTo(next);
                    if (outbound[next] == null) {
                        throw new IllegalStateException("kernel '" + context.kernelName() + "' has no channel to '"
                                + route.stage(s + 1).kernelName() + "', where workload '" + route.name()
                                + "' goes next");
                    }
                }
            }
        }
    }

    @Override
    public int doWork(int worker) {
        now = clock.nanoTime();
        bucket.refill(now);
        int work = retryHeld();
        for (InboundChannel channel : inbound) {
            int room = Math.min(settings.batch(), held.remaining());
            if (room == 0) {
                break; // leave the rest in the channels: they push back on their senders
            }
            work += channel.drain(fromChannel, room);
        }
        return work + releaseArrivals();
    }

    /** A message from another kernel: it arrived here at its hop timestamp. */
    private void onChannelMessage(Envelope message) {
        metrics.messagesIn.increment();
        request.copyFrom(message);
        decide(message.sentNanos);
    }

    /** Releases the source arrivals that are due, each stamped with its scheduled release (no coordinated omission). */
    private int releaseArrivals() {
        if (sources.length == 0 || !context.sourcesOpen()) {
            return 0;
        }
        long runStart = context.runStartNanos();
        int released = 0;
        for (int i = 0; i < sources.length; i++) {
            ArrivalSchedule schedule = schedules[i];
            int routeId = sources[i].route().id();
            long offset;
            while (released < settings.batch() && held.remaining() > 0
                    && (offset = schedule.peek()) != ArrivalSchedule.NO_MORE_ARRIVALS && runStart + offset <= now) {
                schedule.advance();
                long sequence = nextSequence[routeId]++;
                request.requestId = ((long) routeId << SEQUENCE_BITS) | sequence;
                request.traceId = request.requestId;
                request.routeId = routeId;
                request.stage = 0;
                request.originNanos = runStart + offset;
                request.sentNanos = request.originNanos;
                request.payload = sequence;
                metrics.generated[routeId].increment();
                metrics.lateness[routeId].record(now - request.originNanos);
                decide(request.originNanos);
                released++;
            }
        }
        return released;
    }

    /** Takes a token for {@link #request} and moves it on, or sheds it. */
    private void decide(long arrivalNanos) {
        int routeId = request.routeId;
        int stage = request.stage;
        Route route = routes[routeId];
        if (!bucket.tryTake()) {
            shed++;
            metrics.dropped[routeId].increment();
            return;
        }
        admitted++;
        metrics.tasksCompleted.increment();
        metrics.taskLatency.record(now - arrivalNanos);
        metrics.stageLatency[routeId][stage].record(now - arrivalNanos);
        if (route.isLastStage(stage)) {
            long endToEnd = now - request.originNanos;
            completedHere++;
            metrics.completed[routeId].increment();
            metrics.endToEnd[routeId].record(endToEnd);
            if (route.deadlineNanos() > 0 && endToEnd > route.deadlineNanos()) {
                metrics.deadlineMisses[routeId].increment();
            }
            return;
        }
        int destination = route.stage(stage + 1).kernelId();
        request.stage = stage + 1;
        request.sentNanos = now;
        if (held.size() > 0 || offer(request, destination) == SendResult.BACKPRESSURED) {
            held.add(request, destination); // behind older held messages: order is kept
            metrics.heldForRetry.set(held.size());
        }
    }

    /** Offers the held messages again, oldest first, until a channel is still full. */
    private int retryHeld() {
        int moved = 0;
        while (held.size() > 0) {
            Envelope message = held.oldest();
            message.sentNanos = now;
            if (offer(message, held.oldestDestination()) == SendResult.BACKPRESSURED) {
                break;
            }
            held.removeOldest();
            moved++;
        }
        if (moved > 0) {
            metrics.heldForRetry.set(held.size());
        }
        return moved;
    }

    /** Offers once and counts the outcome as the channel contract asks. */
    private SendResult offer(Envelope message, int destination) {
        SendResult result = outbound[destination].offer(message);
        switch (result) {
            case SENT:
                forwarded++;
                metrics.messagesOut.increment();
                break;
            case BACKPRESSURED:
                metrics.backpressureEvents.increment();
                break;
            default: // DROPPED or FAILED: the channel counted it as rejected; the request ends here
                rejectedByChannels++;
                metrics.dropped[message.routeId].increment();
                break;
        }
        return result;
    }

    /** The limiter's figures for the report's {@code details}: rate, burst, what passed and what was shed. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ratePerSecond", settings.ratePerSecond());
        figures.put("burst", settings.burst());
        figures.put("admitted", admitted);
        figures.put("shed", shed);
        figures.put("forwarded", forwarded);
        figures.put("completedHere", completedHere);
        figures.put("rejectedByChannels", rejectedByChannels);
        figures.put("heldHighWaterMark", held.highWaterMark());
        figures.put("tokensLeft", bucket == null ? 0 : bucket.tokens());
        return figures;
    }
}
