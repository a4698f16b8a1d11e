package io.crosskernel.hypervisor.host;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Each worker of one kernel says, at the end of a duty cycle, that it has seen the kernel's sources closed: from then
 * on it releases nothing more, so its {@code generated} counts are final. A kernel process needs this to release
 * requests (docs/PROCESSES.md, "Sources in a process"): the host reads a process's generated counts from what the
 * process published (the releasing worker publishes each release itself, but the host mirrors them only at its
 * ticks, and what finishes elsewhere it reads live), so before the drain check may trust them the process must say
 * when no worker can generate again and its counts are final.
 *
 * <p>Why it is exact. {@link HostKernelContext#closeSources()} stores {@code sourcesOpen = false} and then
 * {@code sourcesClosed = true}, both volatile. A worker that reads {@code sourcesClosed == true} (a volatile load, which
 * synchronises with that store) at the end of duty cycle N happens-after the store of {@code sourcesOpen = false}; the
 * sources are never opened again, so every later {@code sourcesOpen()} of that worker reads false and releases nothing.
 * Whatever it generated and published up to cycle N is before its acknowledgement (a release store) in program
 * order; the main thread loads every acknowledgement with acquire, then stores {@code sources done} with release:
 * a host that loads it with acquire sees every generated count.
 *
 * <p>Cost: one final-field null check per duty cycle in thread mode (no ack); in a kernel process, a plain load of
 * the worker's own flag and, until it is set, one volatile load (on x86 a plain {@code mov}).
 *
 * <p>Threading: {@link #afterDutyCycle} on worker {@code w}'s thread only (the single writer of slot {@code w});
 * {@link #allSeen} on any thread (the kernel process's main thread).
 */
final class SourcesClosedAck {
    private static final VarHandle SEEN = MethodHandles.arrayElementVarHandle(boolean[].class);

    private final HostKernelContext context;
    private final boolean[] seen;

    SourcesClosedAck(HostKernelContext context, int workers) {
        this.context = context;
        this.seen = new boolean[workers];
    }

    /** Worker {@code w}'s thread, after each duty cycle. */
    void afterDutyCycle(int w) {
        // Plain load: this thread is the slot's only writer.
        if (!(boolean) SEEN.get(seen, w) && context.sourcesClosed()) {
            SEEN.setRelease(seen, w, true);
        }
    }

    /** Any thread: true once every worker has acknowledged; acquire loads (see the class comment). */
    boolean allSeen() {
        for (int w = 0; w < seen.length; w++) {
            if (!(boolean) SEEN.getAcquire(seen, w)) {
                return false;
            }
        }
        return true;
    }
}
