package io.crosskernel.hypervisor.journal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The first failure of any of a run's journal writers (a full disk, a failed write): once one writer fails, every
 * writer stops journaling, and the run is told to stop with the failure's message.
 *
 * <p>Threading: {@link #record} is called by whichever writer failed (the host thread or a kernel's worker), on the
 * error path only (it allocates); {@link #failed()} is read by every writer before each entry (one acquire load);
 * {@link #stopRunWith} is called by the host thread before the workers start.
 */
public final class JournalFailure {
    private final AtomicReference<String> message = new AtomicReference<>();
    private final AtomicReference<Consumer<String>> stopRun = new AtomicReference<>(reason -> { });

    /** Whether a writer failed: every writer then skips its entries. */
    boolean failed() {
        return message.getAcquire() != null;
    }

    /** The first failure's message, or null. */
    public String message() {
        return message.getAcquire();
    }

    /**
     * Records {@code reason} if it is the first failure, and stops the run with it. Error path: any thread.
     *
     * @return whether it was the first
     */
    boolean record(String reason) {
        if (!message.compareAndSet(null, reason)) {
            return false;
        }
        stopRun.getAcquire().accept(reason);
        return true;
    }

    /**
     * The host's hook: {@code stop} is handed the first failure's message (at once, when a writer already failed; it may
     * be handed it twice, so it must be idempotent). Host thread, once per run.
     */
    public void stopRunWith(Consumer<String> stop) {
        stopRun.setRelease(stop);
        String first = message.getAcquire();
        if (first != null) {
            stop.accept(first);
        }
    }
}
