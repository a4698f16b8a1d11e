package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.affinity.PinResult;
import java.util.List;

/**
 * The side effects a run has on the machine: starting worker threads, pinning them, and moving the JVM's own threads
 * off (and back onto) the cores kernels own. Behind one small interface so that a test can make any of them fail and
 * check that the run cleans up after itself ({@link RunCycle}).
 *
 * <p>Threading: {@link #pinCurrentThread} runs on the worker thread it pins; everything else on the host thread.
 */
public interface HostPlatform {
    /** Loads whatever pinning needs (JNA) now, during boot, rather than inside the first worker's start. */
    void warmUp();

    /**
     * Starts {@code body} on a new daemon thread called {@code name}.
     *
     * @throws RuntimeException or {@link Error} (e.g. "unable to create native thread") when it cannot
     */
    Thread startWorkerThread(Runnable body, String name);

    /**
     * Pins the calling thread to {@code core}. A refusal the OS reports comes back as a result with
     * {@code pinned == false} (the run goes on unpinned and says so); an exception makes the worker a start failure.
     */
    PinResult pinCurrentThread(int core);

    /**
     * Moves every JVM thread whose allowed CPUs are exactly {@code from} to {@code to}; the host calls it once to keep
     * the JVM's threads off the kernels' exclusive cores and once, in reverse, to give them their cores back.
     */
    JvmThreadConfiner.Result moveJvmThreads(List<Integer> from, List<Integer> to);
}
