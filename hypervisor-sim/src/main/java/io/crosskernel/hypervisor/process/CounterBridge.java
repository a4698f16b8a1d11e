package io.crosskernel.hypervisor.process;

import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kernel process's figures on both sides of the shared counters: pairs of a heap {@link SingleWriterCounter}
 * (a worker's metrics, a channel end's counts) and the shared counter that carries it across.
 *
 * <p>In the kernel process, {@link #publish()} copies each heap counter (written by its worker thread) into its
 * shared counter; in the host, {@link #mirror()} copies each shared counter into the host's heap counter of the same
 * meaning, which nothing else in the host writes (the kernel's workers are not the host's threads). So every counter
 * keeps one writer: the worker, then the process's main thread for the shared copy, then the host thread for the
 * mirror; and the host's report, sampler, watchdog and drain check read the mirrors exactly as they read a
 * thread-mode kernel's counters. Nothing on a kernel's message path changes.
 *
 * <p>Ordering: publish loads each heap counter with acquire and stores the shared one with release; mirror loads the
 * shared counter with acquire and stores with release. A mirror lags the worker by at most one publish period plus
 * one host tick: for counts of finished requests that only makes the host's drain check wait longer; generated counts
 * are trusted only once the process says its sources are done (ControlSlot.SOURCES_DONE, docs/PROCESSES.md, "Sources
 * in a process").
 *
 * <p>Threading: {@link #publish()} on the kernel process's main thread only; {@link #mirror()} on the host thread
 * only.
 */
public final class CounterBridge {
    private final SharedCounters shared;
    private final SingleWriterCounter[] locals;
    private final int[] ids;

    private CounterBridge(SharedCounters shared, List<SingleWriterCounter> locals, List<Integer> ids) {
        this.shared = shared;
        this.locals = locals.toArray(new SingleWriterCounter[0]);
        this.ids = ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The bridge of a kernel's workers and of the channel ends it holds.
     *
     * @param metrics the kernel's workers' metrics (the process's own, or the host's mirrors)
     * @param fabric  the fabric whose channel ends the counts belong to (the process's, or the host's)
     */
    public static CounterBridge of(SharedCounters shared, KernelCounters counters, WorkerMetrics[] metrics,
            ChannelFabric fabric) {
        List<SingleWriterCounter> locals = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int w = 0; w < metrics.length; w++) {
            add(locals, ids, metrics[w].allCounters(), counters.worker(w), "worker " + w);
        }
        for (Map.Entry<Integer, int[]> producer : counters.producers().entrySet()) {
            add(locals, ids, fabric.producerCounters(producer.getKey()), producer.getValue(),
                    "channel " + producer.getKey());
        }
        for (Map.Entry<Integer, int[]> consumer : counters.consumers().entrySet()) {
            add(locals, ids, fabric.consumerCounters(consumer.getKey()), consumer.getValue(),
                    "channel " + consumer.getKey());
        }
        return new CounterBridge(shared, locals, ids);
    }

    private static void add(List<SingleWriterCounter> locals, List<Integer> ids, List<SingleWriterCounter> heap,
            int[] shared, String what) {
        if (heap.size() != shared.length) {
            throw new IllegalStateException(what + ": " + heap.size() + " counters here, " + shared.length
                    + " in the counters file");
        }
        locals.addAll(heap);
        for (int id : shared) {
            ids.add(id);
        }
    }

    /** Kernel process, main thread: every heap counter into its shared counter. */
    public void publish() {
        for (int i = 0; i < ids.length; i++) {
            shared.setRelease(ids[i], locals[i].getAcquire());
        }
    }

    /**
     * Kernel process, main thread, before its workers start: every shared counter into its heap counter, so a process
     * restarted for a kernel goes on from its predecessor's figures (the last it published, with its channel ends'
     * counts made exact by the host from the rings); a first process reads zeros. The workers' start orders these
     * stores before anything they count.
     */
    public void resume() {
        mirror();
    }

    /** Host thread: every shared counter into the host's heap counter of the same meaning. */
    public void mirror() {
        for (int i = 0; i < ids.length; i++) {
            locals[i].set(shared.getAcquire(ids[i]));
        }
    }
}
