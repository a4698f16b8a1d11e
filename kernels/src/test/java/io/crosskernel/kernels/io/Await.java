package io.crosskernel.kernels.io;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, yielding the CPU between checks: never a sleep as synchronisation. */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Await() {
    }

    /** Runs {@code step} until {@code done} holds; fails with {@code what} after {@link #TIMEOUT}. */
    static void until(String what, BooleanSupplier done, Runnable step) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            step.run();
            Thread.yield(); // two shared cores: let the client thread run
        }
    }

    static void until(String what, BooleanSupplier done) {
        until(what, done, () -> { });
    }
}
