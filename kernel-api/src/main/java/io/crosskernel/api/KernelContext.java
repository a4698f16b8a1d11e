package io.crosskernel.api;

import io.crosskernel.api.metrics.GeneratedPublisher;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.trace.HopTracer;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import java.util.List;

/**
 * Everything the host gives one kernel: its identity, cores, clock, channels, workload and metrics.
 *
 * <p>Threading: built by the host before {@link Kernel#onBoot(KernelContext)}; the lists never change afterwards
 * and may be read from any of the kernel's threads. {@link #sourcesOpen()} and {@link #runStartNanos()} are
 * published by the host with volatile semantics.
 */
public interface KernelContext {
    /** Dense id of this kernel in the run, from 0; indexes channels and reports. */
    int kernelId();

    /** The kernel's name from the scenario. */
    String kernelName();

    /** The cores this kernel owns, worker {@code i} on {@code cores().get(i)}. */
    List<Integer> cores();

    /** Number of worker threads: one per core. */
    default int workerCount() {
        return cores().size();
    }

    /** The only time source kernel code may use. */
    Clock clock();

    /**
     * Whether the kernel may start threads of its own (a pool for parallel work). True in a real run. False when the
     * host drives every duty cycle of every kernel itself, on one thread, in virtual time (a simulated run,
     * docs/SIMULATION.md): the kernel must then do all its work inside {@link Kernel#doWork(int)} and let time pass
     * only through its {@link #clock()}; work it would hand to threads of its own runs in its workers' duty cycles,
     * so that its cost is charged to the virtual cores the kernel owns.
     *
     * <p>This is the host's choice, made once before boot; it never changes during a run. Any thread.
     */
    default boolean mayStartThreads() {
        return true;
    }

    /**
     * The modelled cost of a kind of real work this kernel does, to charge with {@link Clock#spendModelled(long)}
     * after doing it: {@link WorkCost#NONE} in a real run, where the work takes its own time; in a simulated run the
     * calibrated cost (docs/SIMULATION.md, "Work costs"; names such as {@code storage.compress}). Ask once, at boot.
     */
    default WorkCost workCost(String work) {
        return WorkCost.NONE;
    }

    /** Channels other kernels send to this one; drained only by worker 0. */
    List<InboundChannel> inbound();

    /**
     * The channel from this kernel to {@code kernelId}, or {@code null} when the scenario does not connect them.
     * Offered to only by worker 0.
     */
    OutboundChannel outboundTo(int kernelId);

    /** Every route of the run, indexed by {@link Route#id()}. */
    List<Route> routes();

    /** The sources whose first stage runs on this kernel; polled only by worker 0. */
    List<Source> sources();

    /**
     * Clock time at which the run started; source arrival times are offsets from it. Valid once
     * {@link #sourcesOpen()} has returned true.
     */
    long runStartNanos();

    /** True while sources should produce arrivals; false before the run starts and once the host begins to drain. */
    boolean sourcesOpen();

    /** Metrics of worker {@code worker}; written only by that worker's thread. */
    WorkerMetrics metrics(int worker);

    /**
     * Where worker {@code worker} publishes a route's generated count each time it releases a request, before the
     * request can go anywhere (see {@link GeneratedPublisher} for the contract). {@link GeneratedPublisher#NONE} unless
     * the kernel runs in a process of its own, whose host reads its counts from shared memory. Ask once, at boot; the
     * worker that polls sources calls it.
     */
    default GeneratedPublisher generatedPublisher(int worker) {
        return GeneratedPublisher.NONE;
    }

    /**
     * The trace recorder of worker {@code worker}: written only by that worker's own thread (single writer), read by
     * the host after the worker stopped. Ask for it at boot and keep it. {@link HopTracer#NONE} (samples nothing)
     * when the run is not traced.
     */
    default HopTracer tracer(int worker) {
        return HopTracer.NONE;
    }

    /**
     * Tells the user something about the kernel's setup, such as the port a listener bound to. Boot and error paths
     * only: it allocates. The host prints it and keeps it in the report.
     */
    void announce(String message);

    /**
     * Reports a task that threw. The caller has already counted it as failed; the host records the error and
     * applies the scenario's {@code onError} policy (continue, or stop the run). Error path only: may allocate.
     */
    void reportTaskError(int worker, String taskName, Throwable error);

    /**
     * Stops the run because this kernel cannot go on: a fault that every later task would meet too, such as its
     * log's file system being full. The host makes {@code reason} the run's failure (the report's "Run FAILED" line,
     * exit 3) and stops the run, whatever {@code onError} says, instead of collecting one task error per request.
     * Report a fault once, from the thread that met it; count the tasks it fails as failed without reporting each.
     * Error path only: may allocate.
     *
     * <p>The default reports the fault as a task error, for contexts that cannot stop a run.
     *
     * @param reason one line for the user: what failed, where (the path), and what it means
     */
    default void failRun(int worker, String reason, Throwable cause) {
        reportTaskError(worker, "fatal", cause);
    }

    /**
     * Where the kernel records changes to its durable state (see {@link StateJournal}); {@link StateJournal#NONE}
     * unless the run is journaled. Called by worker 0 only.
     */
    default StateJournal stateJournal() {
        return StateJournal.NONE;
    }

    /**
     * Where the kernel records requests that arrive from outside the process (see {@link IngressJournal});
     * {@link IngressJournal#NONE} unless the run is journaled. Called by worker 0 only.
     */
    default IngressJournal ingressJournal() {
        return IngressJournal.NONE;
    }
}
