package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.idle.IdleStrategy;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.affinity.PinResult;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one kernel worker's duty cycle on its own thread, as Agrona's {@code AgentRunner} runs an agent: pin, call
 * {@link Kernel#onWorkerStart}, loop {@code doWork} with the idle strategy until told to stop, then call
 * {@link Kernel#onWorkerStop} on the same thread.
 *
 * <p>Threading: {@link #run()} runs on the worker thread; {@link #stop()} and the getters are for the host thread.
 * The duty-cycle loop counts cycles (the watchdog's heartbeat) and busy time into the worker's own
 * {@link WorkerMetrics}, feeds its hiccup meter each cycle's first clock reading (and its last, for a kernel that
 * {@linkplain Kernel#metersItsWork meters its work}), and catches anything
 * {@code doWork} throws so one broken kernel cannot take the host down.
 */
final class KernelWorker implements Runnable {
    private final Kernel kernel;
    private final String kernelName;
    private final int worker;
    private final int core;
    private final boolean pin;
    private final HostPlatform platform;
    private final IdleStrategy idle;
    private final Clock clock;
    private final WorkerMetrics metrics;
    private final TaskErrorLog errors;
    private final CountDownLatch started;
    /** Null but in a kernel process, whose main thread must know when its sources released their last request. */
    private final SourcesClosedAck sourcesAck;

    private volatile boolean running = true;
    private volatile PinResult pinResult;
    private volatile Throwable startFailure;

    KernelWorker(Kernel kernel, String kernelName, int worker, int core, boolean pin, HostPlatform platform,
            IdleStrategy idle, Clock clock, WorkerMetrics metrics, TaskErrorLog errors, CountDownLatch started) {
        this(kernel, kernelName, worker, core, pin, platform, idle, clock, metrics, errors, started, null);
    }

    /** @param sourcesAck told after each duty cycle, in a kernel process; null in the host */
    KernelWorker(Kernel kernel, String kernelName, int worker, int core, boolean pin, HostPlatform platform,
            IdleStrategy idle, Clock clock, WorkerMetrics metrics, TaskErrorLog errors, CountDownLatch started,
            SourcesClosedAck sourcesAck) {
        this.sourcesAck = sourcesAck;
        this.kernel = kernel;
        this.kernelName = kernelName;
        this.worker = worker;
        this.core = core;
        this.pin = pin;
        this.platform = platform;
        this.idle = idle;
        this.clock = clock;
        this.metrics = metrics;
        this.errors = errors;
        this.started = started;
    }

    /**
     * A worker of a simulated run: never a thread of its own (the simulation engine calls {@code doWork}), never
     * pinned; {@link Kernel#onWorkerStart} runs here, on the host thread. A failure is kept in
     * {@link #startFailure()}.
     */
    static KernelWorker simulated(Kernel kernel, String kernelName, int worker, int core, WorkerMetrics metrics) {
        KernelWorker simulated = new KernelWorker(kernel, kernelName, worker, core, false, null, null, null, metrics,
                null, null);
        simulated.pinResult = new PinResult(core, List.of(), false, "virtual core " + core + " (simulated)");
        try {
            kernel.onWorkerStart(worker);
        } catch (RuntimeException e) {
            simulated.startFailure = e;
        }
        return simulated;
    }

    /**
     * A worker of a kernel that runs in a process of its own: never a thread of the host (the kernel process runs
     * it); {@code metrics} are the host's mirrors of its figures and {@code pinResult} what the kernel process
     * reported for its thread.
     */
    static KernelWorker inProcess(String kernelName, int worker, int core, WorkerMetrics metrics,
            PinResult pinResult) {
        KernelWorker remote = new KernelWorker(null, kernelName, worker, core, false, null, null, null, metrics, null,
                null);
        remote.pinResult = pinResult;
        return remote;
    }

    @Override
    public void run() {
        try {
            pinResult = pin ? platform.pinCurrentThread(core)
                    : new PinResult(core, List.of(), false, "core " + core + " does not exist here: running unpinned");
            kernel.onWorkerStart(worker);
        } catch (Throwable t) {
            startFailure = t;
            return;
        } finally {
            started.countDown();
        }
        try {
            dutyCycleLoop();
        } finally {
            try {
                kernel.onWorkerStop(worker);
            } catch (Throwable t) {
                errors.record(kernelName, worker, "onWorkerStop", t);
            }
        }
    }

    private void dutyCycleLoop() {
        final Kernel kernel = this.kernel;
        final Clock clock = this.clock;
        final IdleStrategy idle = this.idle;
        final WorkerMetrics metrics = this.metrics;
        final HiccupMeter hiccups = metrics.hiccups;
        // A parking or yielding idle gives the core away on purpose: the gap across it is not a hiccup.
        final boolean idleKeepsCore = idle.keepsCore();
        // A kernel whose long stretches are all metered spins: a gap at the end of a busy cycle is a pause, not work.
        final boolean workMetered = kernel.metersItsWork();
        final SourcesClosedAck sourcesAck = this.sourcesAck;
        while (running) {
            long start = clock.nanoTime();
            if (idleKeepsCore) {
                hiccups.sample(start);
            } else {
                hiccups.rebase(start);
            }
            int work;
            try {
                work = kernel.doWork(worker);
            } catch (Throwable t) {
                metrics.kernelErrors.increment();
                errors.record(kernelName, worker, "doWork", t);
                work = 0; // back off: a kernel that keeps throwing must not spin its core making exceptions
            }
            metrics.dutyCycles.increment();
            if (sourcesAck != null) {
                sourcesAck.afterDutyCycle(worker);
            }
            if (work > 0) {
                long end = clock.nanoTime();
                metrics.busyNanos.add(end - start);
                if (workMetered) {
                    hiccups.sample(end);
                } else {
                    // Work the meter did not see into (a real compress, a socket read) is not a hiccup: start afresh.
                    hiccups.rebase(end);
                }
            }
            idle.idle(work);
        }
    }

    /**
     * A {@linkplain #simulated simulated} worker's end, on the simulating thread: {@link Kernel#onWorkerStop}, a
     * failure recorded in {@code errors}.
     */
    void stopSimulated(TaskErrorLog errors) {
        try {
            kernel.onWorkerStop(worker);
        } catch (Throwable t) {
            errors.record(kernelName, worker, "onWorkerStop", t);
        }
    }

    /** Any thread: the worker leaves its loop after the duty cycle in progress. */
    void stop() {
        running = false;
    }

    String kernelName() {
        return kernelName;
    }

    int worker() {
        return worker;
    }

    int core() {
        return core;
    }

    /** Valid after the started latch has counted down for this worker. */
    PinResult pinResult() {
        return pinResult;
    }

    /** Non-null when pinning or {@code onWorkerStart} threw; the worker then never ran. */
    Throwable startFailure() {
        return startFailure;
    }

    WorkerMetrics metrics() {
        return metrics;
    }
}
