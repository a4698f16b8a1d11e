package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.report.RunInterrupted;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.sink.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host thread's loop while kernels run: ends the warm-up, watches for stalls and failures, samples the kernels,
 * closes the sources when the duration is over and waits for in-flight work to drain.
 *
 * <p>Threading: host thread only. It is the single reader of every worker's latency recorders.
 */
final class RunSupervisor {
    private static final long SAMPLE_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How often the latency recorders are drained and summarised: once a second, like the live progress that shows
     * them. A pass costs milliseconds of host CPU (an interval swap and a histogram add per recorder, percentiles per
     * summary) that a kernel sharing the host's core waits out; counters are read at every sample.
     */
    static final long LATENCY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SAMPLE_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Scenario scenario;
    private final List<BootedKernel> kernels;
    private final ChannelFabric fabric;
    private final TaskErrorLog errors;
    private final AtomicReference<String> stopReason;
    private final RunListener listener;
    private final Clock clock;
    private final WorkerMetrics[] allWorkers;
    private final InFlightRequests inFlight;
    private final StallWatchdog watchdog;
    private final MetricsSampler sampler;
    private long sampleEveryNanos;
    private long nextSample;
    private long nextLatencyPass;
    private long startNanos;
    private long totalNanos;
    private Phase phase = Phase.WARMUP;

    private final RunInterruption interruption;
    /** Time into the run when an interruption was first seen, or -1. */
    private long interruptedAfterNanos = -1;
    private boolean drainSkipped;

    private boolean drained;
    private long lastErrorCount;

    /** How the host thread lets time pass until a deadline (or one supervision tick, whichever comes first). */
    @FunctionalInterface
    interface HostPause {
        void pauseUntil(long deadlineNanos);
    }

    private final HostPause pause;
    /** Null when every kernel runs in a thread of this JVM. */
    private final ProcessKernels processes;

    /**
     * @param pause         parks the host thread in a real run; runs the engine in a simulated one
     * @param stallNanos    the watchdog's threshold ({@link Long#MAX_VALUE}: no watchdog)
     * @param interruption  ends the run early when requested (a signal): a bounded drain, then the report
     * @param processes     the run's kernel processes, whose figures are mirrored at each tick; null when none
     */
    RunSupervisor(Scenario scenario, List<BootedKernel> kernels, ChannelFabric fabric, TaskErrorLog errors,
            AtomicReference<String> stopReason, RunListener listener, Clock clock, HostPause pause,
            long stallNanos, RunInterruption interruption, ProcessKernels processes) {
        this.processes = processes;
        this.pause = pause;
        this.scenario = scenario;
        this.interruption = interruption;
        this.kernels = kernels;
        this.fabric = fabric;
        this.errors = errors;
        this.stopReason = stopReason;
        this.listener = listener;
        this.clock = clock;
        List<WorkerMetrics> metrics = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BootedKernel kernel : kernels) {
            WorkerMetrics[] workers = kernel.context.allMetrics();
            for (int i = 0; i < workers.length; i++) {
                metrics.add(workers[i]);
                names.add(kernel.decl.name() + "[" + i + "]");
            }
        }
        this.allWorkers = metrics.toArray(new WorkerMetrics[0]);
        this.inFlight = new InFlightRequests(allWorkers);
        this.watchdog = new StallWatchdog(allWorkers, names.toArray(new String[0]), stallNanos, clock.nanoTime());
        List<Route> routes = new ArrayList<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            routes.add(workload.route());
        }
        this.sampler = new MetricsSampler(kernels, routes, fabric, watchdog, listener.readsCumulativeLatency());
    }

    /** Runs the workload from {@code startNanos} to the end of the drain (or an early stop). */
    void supervise(long startNanos) {
        long warmupEnd = startNanos + scenario.warmupNanos();
        long end = warmupEnd + scenario.durationNanos();
        long total = end - startNanos;
        boolean warmedUp = scenario.warmupNanos() == 0;
        this.startNanos = startNanos;
        this.totalNanos = total;
        this.sampleEveryNanos = sampleInterval(total);
        this.nextSample = startNanos + sampleEveryNanos;
        this.nextLatencyPass = startNanos + LATENCY_EVERY_NANOS;
        this.phase = warmedUp ? Phase.MEASURING : Phase.WARMUP;

        long now = clock.nanoTime();
        while (now < end && stopReason.get() == null && interruption.requests() == 0) {
            if (!warmedUp && now >= warmupEnd) {
                discardLatencies();
                warmedUp = true;
                phase = Phase.MEASURING;
                listener.onEvent("warm-up over: measuring");
            }
            watch(now);
            if (stopReason.get() != null) {
                break; // a failure found by this look stops the run now, not after one more tick
            }
            pause.pauseUntil(warmedUp ? end : warmupEnd);
            now = clock.nanoTime();
        }
        if (!warmedUp) {
            discardLatencies();
        }
        phase = Phase.DRAINING;

        for (BootedKernel kernel : kernels) {
            kernel.context.closeSources();
        }
        if (processes != null) {
            processes.closeSources();
        }
        if (stopReason.get() != null) {
            listener.onEvent("stopping: " + stopReason.get());
            return;
        }
        now = clock.nanoTime();
        long drainDeadline = now + scenario.host().drainTimeoutNanos();
        if (interruption.requests() > 0) {
            drainDeadline = noteInterruption(now, drainDeadline);
        } else {
            listener.onEvent("sources closed: draining in-flight work (timeout "
                    + io.crosskernel.api.Units.formatNanos(scenario.host().drainTimeoutNanos()) + ")");
        }
        while (stopReason.get() == null) {
            // A kernel process's generated counts are final only once it says so (ProcessKernels.sourcesDone).
            if ((processes == null || processes.sourcesDone()) && requestsInFlight() == 0
                    && fabric.inFlight() == 0) {
                drained = true;
                return;
            }
            int requests = interruption.requests();
            if (requests > 0 && interruptedAfterNanos < 0) {
                drainDeadline = noteInterruption(now, drainDeadline);
            }
            if (requests > 1) {
                drainSkipped = true;
                listener.onEvent(interruption.reason() + " again: skipping the drain with " + requestsInFlight()
                        + " requests in flight");
                return;
            }
            if (now >= drainDeadline) {
                listener.onEvent("drain timed out with " + requestsInFlight() + " requests in flight");
                return;
            }
            watch(now);
            if (stopReason.get() != null) {
                break;
            }
            pause.pauseUntil(drainDeadline);
            now = clock.nanoTime();
        }
    }

    /** Notes the first interruption, says so, and returns the drain deadline it leaves. */
    private long noteInterruption(long now, long drainDeadline) {
        interruptedAfterNanos = now - startNanos;
        listener.onEvent("interrupted by " + interruption.reason() + ": sources closed, draining for at most "
                + io.crosskernel.api.Units.formatNanos(interruption.drainNanos()) + " (send it again to skip)");
        return Math.min(drainDeadline, now + interruption.drainNanos());
    }

    /**
     * After the run: how it was interrupted, or null when it was not. A request that came after the drain (while the
     * host was stopping) still marks the run, at its full length.
     */
    RunInterrupted interrupted(long elapsedNanos) {
        String reason = interruption.reason();
        if (reason == null) {
            return null;
        }
        long after = interruptedAfterNanos >= 0 ? interruptedAfterNanos : elapsedNanos;
        return new RunInterrupted(reason, after, scenario.warmupNanos() + scenario.durationNanos(), drainSkipped);
    }

    private void discardLatencies() {
        sampler.discardLatencies();
        if (processes != null) {
            processes.discardLatencies();
        }
    }

    private void watch(long now) {
        if (processes != null) {
            // The kernel processes' figures into the host's mirrors, before anything here reads them; a process
            // that died or stopped heartbeating is handled by the run's onKernelFailure policy (which may stop the
            // run), as is one that asks to stop.
            processes.mirror();
            String failed = processes.supervise(clock.nanoTime(), listener::onEvent);
            if (failed != null) {
                stopReason.compareAndSet(null, failed);
            }
        }
        if (now >= nextSample) {
            boolean latencies = now >= nextLatencyPass;
            if (latencies) {
                nextLatencyPass = Math.max(nextLatencyPass + LATENCY_EVERY_NANOS, now + sampleEveryNanos);
            }
            listener.onSample(sampler.sample(now - startNanos, totalNanos, phase, latencies));
            nextSample += sampleEveryNanos;
            if (nextSample <= now) {
                nextSample = now + sampleEveryNanos; // the host fell behind (a GC pause?): skip, don't burst
            }
        }
        String stalled = watchdog.check(now);
        if (stalled != null) {
            listener.onEvent("stall: worker " + stalled + " has not completed a duty cycle for over "
                    + io.crosskernel.api.Units.formatNanos(scenario.host().stallNanos()));
        }
        long errorCount = errors.count();
        if (errorCount > 0 && lastErrorCount == 0) {
            List<String> samples = errors.samples();
            listener.onEvent("task error: " + (samples.isEmpty() ? "?" : samples.get(0)));
        }
        lastErrorCount = errorCount;
    }

    /**
     * A sample period that gives a plot about 400 points whatever the run's length, but never less often than once a
     * second (live progress and a metrics endpoint want fresh figures) nor more often than four times a second.
     */
    static long sampleInterval(long totalNanos) {
        return Math.max(SAMPLE_MIN_NANOS, Math.min(SAMPLE_MAX_NANOS, totalNanos / 400));
    }

    /** Host thread, after every worker stopped: the final figures, which also end the timeline. */
    MetricsSample finalSample(long elapsedNanos) {
        MetricsSample sample = sampler.sample(elapsedNanos, totalNanos, Phase.FINISHED, true);
        listener.onSample(sample);
        return sample;
    }

    MetricsSampler sampler() {
        return sampler;
    }

    /**
     * Requests released but not yet completed, failed, dropped or lost in crash, across every route: finishing counters read before
     * generated ones, with acquire loads, so the drain never ends with a request still travelling (see
     * {@link InFlightRequests}).
     */
    long requestsInFlight() {
        // Requests lost in a kernel process's crash will never finish: they are out of flight, counted on their own.
        return inFlight.count() - (processes == null ? 0 : processes.lostInCrash());
    }

    boolean drained() {
        return drained;
    }

    long stalls() {
        return watchdog.stalls();
    }

    StallWatchdog watchdog() {
        return watchdog;
    }
}
