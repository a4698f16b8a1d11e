package io.crosskernel.hypervisor.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Collects errors from tasks and kernels: counts all of them, keeps the first few for the report.
 *
 * <p>Threading: {@link #record} is called from any kernel worker, but only on the error path (it allocates and uses
 * CAS); the host reads from its own thread.
 */
final class TaskErrorLog {
    static final int SAMPLES_KEPT = 10;

    private final AtomicLong count = new AtomicLong();
    private final AtomicInteger sampled = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final Runnable onFirstError;
    private final Predicate<String> stopRun;

    /** @param onEveryError run after each error is recorded (the host's {@code onError: stop} hook), may be a no-op */
    TaskErrorLog(Runnable onEveryError) {
        this(onEveryError, reason -> false);
    }

    /**
     * @param onEveryError run after each error is recorded (the host's {@code onError: stop} hook), may be a no-op
     * @param stopRun      stops the run with a reason ({@link #recordFatal}); answers false when the run was already
     *                     stopping for another reason
     */
    TaskErrorLog(Runnable onEveryError, Predicate<String> stopRun) {
        this.onFirstError = onEveryError;
        this.stopRun = stopRun;
    }

    void record(String kernel, int worker, String task, Throwable error) {
        count.incrementAndGet();
        if (sampled.getAndIncrement() < SAMPLES_KEPT) {
            samples.add(kernel + "[" + worker + "] " + task + ": " + describe(error));
        }
        onFirstError.run();
    }

    /**
     * A kernel cannot go on ({@code KernelContext.failRun}): stops the run with {@code reason} as its failure. The
     * fault is the run's one failure message, not a task error; only when the run was already stopping for another
     * reason is it kept as an error sample, so it is not lost.
     */
    void recordFatal(String kernel, int worker, String reason, Throwable error) {
        if (!stopRun.test("kernel '" + kernel + "': " + reason)) {
            record(kernel, worker, "fatal", error);
        }
    }

    long count() {
        return count.get();
    }

    List<String> samples() {
        return new ArrayList<>(samples);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
