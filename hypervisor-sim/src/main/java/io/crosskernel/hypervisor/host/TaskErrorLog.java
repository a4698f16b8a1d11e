package io.crosskernel.hypervisor.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    /** @param onEveryError run after each error is recorded (the host's {@code onError: stop} hook), may be a no-op */
    TaskErrorLog(Runnable onEveryError) {
        this.onFirstError = onEveryError;
    }

    void record(String kernel, int worker, String task, Throwable error) {
        count.incrementAndGet();
        if (sampled.getAndIncrement() < SAMPLES_KEPT) {
            samples.add(kernel + "[" + worker + "] " + task + ": " + describe(error));
        }
        onFirstError.run();
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
