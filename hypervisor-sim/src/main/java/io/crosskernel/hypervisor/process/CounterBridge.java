package io.crosskernel.hypervisor.process;

import io.crosskernel.api.metrics.GeneratedPublisher;
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
 * thread-mode kernel's counters.
 *
 * <p>One exception: the generated counts of a worker that releases requests. Published only every publish period,
 * they could miss requests the worker released and already passed on, and a crash would leave the host with a
 * request passed on that it never saw generated. So the worker publishes them itself, through the
 * {@link GeneratedPublisher} of {@link #generatedPublisher(int)}, each time it counts a release (one release store),
 * and {@link #publish()} leaves those shared counters alone from then on: their one writer is the worker.
 *
 * <p>Ordering: publish loads each heap counter with acquire and stores the shared one with release; mirror loads the
 * shared counter with acquire and stores with release. A mirror lags the worker by at most one publish period plus
 * one host tick: for counts of finished requests that only makes the host's drain check wait longer; generated counts
 * are trusted only once the process says its sources are done (ControlSlot.SOURCES_DONE, docs/PROCESSES.md, "Sources
 * in a process"), and a worker that releases publishes them before the request can go anywhere.
 *
 * <p>Threading: {@link #publish()} and {@link #generatedPublisher(int)} on the kernel process's main thread only
 * (the latter at boot, before the workers start); {@link #mirror()} on the host thread only.
 */
public final class CounterBridge {
    private final SharedCounters shared;
    private final SingleWriterCounter[] locals;
    private final int[] ids;
    private final WorkerMetrics[] metrics;
    /** Per counter: true once its worker publishes it itself ({@link #generatedPublisher}); main thread only. */
    private final boolean[] publishedByWorker;

    private CounterBridge(SharedCounters shared, List<SingleWriterCounter> locals, List<Integer> ids,
            WorkerMetrics[] metrics) {
        this.shared = shared;
        this.locals = locals.toArray(new SingleWriterCounter[0]);
        this.ids = ids.stream().mapToInt(Integer::intValue).toArray();
        this.metrics = metrics.clone();
        this.publishedByWorker = new boolean[this.ids.length];
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
        return new CounterBridge(shared, locals, ids, metrics);
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

    /**
     * Kernel process, main thread: every heap counter into its shared counter, but those a worker publishes itself
     * ({@link #generatedPublisher(int)}).
     */
    public void publish() {
        for (int i = 0; i < ids.length; i++) {
            if (!publishedByWorker[i]) {
                shared.setRelease(ids[i], locals[i].getAcquire());
            }
        }
    }

    /**
     * Kernel process, main thread, at boot (before the workers start): where worker {@code worker} publishes its
     * generated counts each time it releases a request. From this call on, those shared counters are the worker's
     * to write and {@link #publish()} skips them. The first store comes from the worker's first release: until then
     * they hold what {@link #resume()} read from them.
     */
    public GeneratedPublisher generatedPublisher(int worker) {
        SingleWriterCounter[] generated = metrics[worker].generated;
        int[] sharedIds = new int[generated.length];
        for (int r = 0; r < generated.length; r++) {
            int i = indexOf(generated[r]);
            publishedByWorker[i] = true;
            sharedIds[r] = ids[i];
        }
        return new WorkerGenerated(shared, generated, sharedIds);
    }

    private int indexOf(SingleWriterCounter counter) {
        for (int i = 0; i < locals.length; i++) {
            if (locals[i] == counter) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a counter of this bridge");
    }

    /**
     * A worker's generated counts, published by the worker itself. Its thread only: it is the single writer of both
     * the heap counter it loads and the shared counter it stores.
     */
    private static final class WorkerGenerated implements GeneratedPublisher {
        private final SharedCounters shared;
        private final SingleWriterCounter[] generated;
        private final int[] sharedIds;

        WorkerGenerated(SharedCounters shared, SingleWriterCounter[] generated, int[] sharedIds) {
            this.shared = shared;
            this.generated = generated;
            this.sharedIds = sharedIds;
        }

        @Override
        public void publish(int route) {
            // Opaque load of the worker's own counter (it wrote it: the value is its latest), then a release store
            // (on x86 a plain mov). What could make the request count elsewhere comes later in this thread's program
            // order and is itself a release: a ring offer's commit, the increment of a finished or dropped count
            // (which the main thread publishes after an acquire load of it), a hand-off to another worker's queue.
            // So whoever sees any of those sees this store too, and a process killed in between leaves this store
            // in the mapped file before any of them.
            shared.setRelease(sharedIds[route], generated[route].getOpaque());
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
