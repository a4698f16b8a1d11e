package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Units;
import io.crosskernel.api.idle.IdleStrategies;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The worker threads of one run: starts one {@link KernelWorker} per core of every booted kernel, waits until each is
 * pinned and running, and at the end stops and joins them with a bounded, retried join (as Agrona's
 * {@code AgentRunner.close} does).
 *
 * <p>Join budget: {@link #JOIN_ATTEMPTS} rounds of {@link #JOIN_ATTEMPT_MILLIS} ms over all workers together, so at
 * most 3 s whatever the number of workers. A worker still alive after that is <em>stuck</em> (a task that never
 * returns): it is reported, left running as a daemon thread, and its kernel is never shut down under it.
 * Threads are not interrupted: an interrupt closes any {@code FileChannel} the thread is using, which would damage a
 * storage kernel's log behind its back.
 *
 * <p>Threading: host thread only; the workers run on the threads it starts.
 */
final class WorkerThreads {
    static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final int JOIN_ATTEMPTS = 3;
    static final long JOIN_ATTEMPT_MILLIS = 1_000;

    private final HostPlatform platform;
    private final List<KernelWorker> workers = new ArrayList<>();
    /** The threads that did start, index for index with the first {@code threads.size()} {@link #workers}. */
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> stuckKernels = new LinkedHashSet<>();
    private List<String> stuck = List.of();

    WorkerThreads(HostPlatform platform) {
        this.platform = platform;
    }

    /**
     * Starts every worker of {@code booted} and waits until all are pinned and have run {@code onWorkerStart}.
     *
     * @throws RunFailedException when a thread cannot be started, pinning or {@code onWorkerStart} throws, or the
     *     workers do not all start within {@link #START_TIMEOUT_NANOS}; the workers already started are then told to
     *     stop (call {@link #stopAndJoin} to wait for them)
     */
    void start(List<BootedKernel> booted, Clock clock, TaskErrorLog errors) {
        int total = 0;
        for (BootedKernel kernel : booted) {
            total += kernel.process == null ? kernel.placement.cores().size() : 0;
        }
        CountDownLatch started = new CountDownLatch(total);
        for (BootedKernel kernel : booted) {
            if (kernel.process != null) {
                continue; // its workers run in its own process (ProcessKernels)
            }
            List<Integer> cores = kernel.placement.cores();
            WorkerMetrics[] metrics = kernel.context.allMetrics();
            for (int i = 0; i < cores.size(); i++) {
                KernelWorker worker = new KernelWorker(kernel.kernel, kernel.decl.name(), i, cores.get(i),
                        kernel.placement.physical().get(i), platform, IdleStrategies.forWorker(kernel.decl.idle()),
                        clock, metrics[i], errors, started, kernel.sourcesAck);
                kernel.workers.add(worker);
                workers.add(worker);
            }
        }
        for (KernelWorker worker : workers) {
            String name = threadName(worker);
            try {
                threads.add(platform.startWorkerThread(worker, name));
            } catch (RuntimeException | Error e) {
                stopAll();
                throw new RunFailedException("worker " + name + " of kernel '" + worker.kernelName()
                        + "' could not be started: " + e, e);
            }
        }
        try {
            if (!started.await(START_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                stopAll();
                throw new RunFailedException("kernel workers did not start within "
                        + Units.formatNanos(START_TIMEOUT_NANOS), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
            throw new RunFailedException("interrupted while starting kernel workers", e);
        }
        for (KernelWorker worker : workers) {
            Throwable failure = worker.startFailure();
            if (failure != null) {
                stopAll();
                throw new RunFailedException("worker " + threadName(worker) + " of kernel '" + worker.kernelName()
                        + "' failed to start: " + failure, failure);
            }
        }
    }

    /**
     * Tells every worker to stop and joins the ones that started, within the join budget.
     *
     * @param onWait told, between join rounds, which workers are still running
     * @return the workers still running after the budget, as {@code xk-KERNEL-WORKER} thread names; empty when all
     *     stopped
     */
    List<String> stopAndJoin(Consumer<String> onWait) {
        stopAll();
        boolean interrupted = Thread.interrupted(); // join on: the workers must be accounted for either way
        List<Thread> alive = new ArrayList<>(threads);
        for (int attempt = 1; attempt <= JOIN_ATTEMPTS && !alive.isEmpty(); attempt++) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_ATTEMPT_MILLIS);
            for (Thread thread : alive) {
                long left = deadline - System.nanoTime();
                while (thread.isAlive() && left > 0) {
                    try {
                        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    left = deadline - System.nanoTime();
                }
            }
            alive.removeIf(thread -> !thread.isAlive());
            if (!alive.isEmpty() && attempt < JOIN_ATTEMPTS) {
                onWait.accept("waiting for " + names(alive) + " to stop (" + attempt + " of " + JOIN_ATTEMPTS
                        + " tries of " + JOIN_ATTEMPT_MILLIS + "ms)");
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i).isAlive()) {
                stuckKernels.add(workers.get(i).kernelName());
            }
        }
        stuck = names(alive);
        return stuck;
    }

    /** After {@link #stopAndJoin}: the workers still running, as thread names; empty when all stopped. */
    List<String> stuck() {
        return stuck;
    }

    /** After {@link #stopAndJoin}: true when no thread of kernel {@code name} is still running. */
    boolean allStopped(String kernelName) {
        return !stuckKernels.contains(kernelName);
    }

    private void stopAll() {
        for (KernelWorker worker : workers) {
            worker.stop();
        }
    }

    private static String threadName(KernelWorker worker) {
        return "xk-" + worker.kernelName() + "-" + worker.worker();
    }

    private static List<String> names(List<Thread> threads) {
        List<String> names = new ArrayList<>();
        for (Thread thread : threads) {
            names.add(thread.getName());
        }
        return names;
    }
}
