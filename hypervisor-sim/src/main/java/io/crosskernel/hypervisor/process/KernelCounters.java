package io.crosskernel.hypervisor.process;

import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of one process-mode kernel's counters in the run's {@link SharedCounters}: what the host allocates for it
 * and the kernel process finds again by type and key.
 *
 * <ul>
 *   <li>control (type {@value #CONTROL}, key {@code (kernel, slot, 0)}): the host's command and the run's start time,
 *       the process's state, pid, heartbeat and stop request; each slot has one writer (see {@link ControlSlot});</li>
 *   <li>worker (type {@value #WORKER}, key {@code (kernel, worker, i)}): the worker's
 *       {@link WorkerMetrics#allCounters()}, and (type {@value #PIN}) the CPUs its thread was granted and whether it
 *       is pinned;</li>
 *   <li>channel ends (types {@value #PRODUCER} and {@value #CONSUMER}, key {@code (channel index, i, 0)}): the
 *       counts of the channel ends that live in the process (the fabric's {@code producerCounters} and
 *       {@code consumerCounters}).</li>
 * </ul>
 * Immutable.
 */
public final class KernelCounters {
    static final int CONTROL = 1;
    static final int WORKER = 2;
    static final int PIN = 3;
    static final int PRODUCER = 4;
    static final int CONSUMER = 5;
    /** A sending end's count, the channel's rejected and backpressured ({@code ChannelFabric.producerCounters}). */
    public static final int PRODUCER_COUNTERS = 3;
    /** A receiving end's count and the high-water mark ({@code ChannelFabric.consumerCounters}). */
    public static final int CONSUMER_COUNTERS = 2;
    private static final int PIN_SLOTS = 2;

    private final int[] control;
    private final int[][] workers;
    private final int[][] pins;
    private final Map<Integer, int[]> producers;
    private final Map<Integer, int[]> consumers;

    private KernelCounters(int[] control, int[][] workers, int[][] pins, Map<Integer, int[]> producers,
            Map<Integer, int[]> consumers) {
        this.control = control;
        this.workers = workers;
        this.pins = pins;
        this.producers = producers;
        this.consumers = consumers;
    }

    /** How many counters every process-mode kernel of {@code scenario} needs together. */
    public static int capacity(Scenario scenario) {
        int total = 0;
        for (KernelDecl kernel : scenario.kernels()) {
            if (kernel.inProcess()) {
                total += ControlSlot.values().length + kernel.cores().size()
                        * (WorkerMetrics.counterCount(scenario.workloads().size()) + PIN_SLOTS);
                for (LinkSpec link : scenario.links()) {
                    total += link.fromKernel() == kernel.id() ? PRODUCER_COUNTERS : 0;
                    total += link.toKernel() == kernel.id() ? CONSUMER_COUNTERS : 0;
                }
            }
        }
        return Math.max(1, total);
    }

    /** Host, before the kernel process starts: allocates {@code kernel}'s counters. */
    public static KernelCounters allocate(SharedCounters shared, Scenario scenario, KernelDecl kernel) {
        return build(scenario, kernel, (type, a, b, c, label) -> shared.allocate(type, a, b, c, label));
    }

    /**
     * Kernel process: finds {@code kernel}'s counters.
     *
     * @throws RunDirectoryException when one is missing (the run directory was made for another scenario)
     */
    public static KernelCounters find(SharedCounters shared, Scenario scenario, KernelDecl kernel) {
        return build(scenario, kernel, (type, a, b, c, label) -> {
            int id = shared.find(type, a, b, c);
            if (id < 0) {
                throw new RunDirectoryException("the run directory's counters file has no counter '" + label
                        + "': it was made for another scenario or version");
            }
            return id;
        });
    }

    @FunctionalInterface
    private interface Ids {
        int id(int type, int a, int b, int c, String label);
    }

    private static KernelCounters build(Scenario scenario, KernelDecl kernel, Ids ids) {
        int k = kernel.id();
        String name = kernel.name();
        int[] control = new int[ControlSlot.values().length];
        for (ControlSlot slot : ControlSlot.values()) {
            control[slot.ordinal()] = ids.id(CONTROL, k, slot.ordinal(), 0, name + " " + slot.label());
        }
        int perWorker = WorkerMetrics.counterCount(scenario.workloads().size());
        int[][] workers = new int[kernel.cores().size()][perWorker];
        int[][] pins = new int[kernel.cores().size()][PIN_SLOTS];
        for (int w = 0; w < workers.length; w++) {
            for (int i = 0; i < perWorker; i++) {
                workers[w][i] = ids.id(WORKER, k, w, i, name + "[" + w + "] counter " + i);
            }
            pins[w][0] = ids.id(PIN, k, w, 0, name + "[" + w + "] granted cpus");
            pins[w][1] = ids.id(PIN, k, w, 1, name + "[" + w + "] pinned");
        }
        Map<Integer, int[]> producers = new LinkedHashMap<>();
        Map<Integer, int[]> consumers = new LinkedHashMap<>();
        List<LinkSpec> links = scenario.links();
        for (int c = 0; c < links.size(); c++) {
            LinkSpec link = links.get(c);
            if (link.fromKernel() == k) {
                producers.put(c, channelIds(ids, PRODUCER, c, PRODUCER_COUNTERS, link.label() + " sending end"));
            }
            if (link.toKernel() == k) {
                consumers.put(c, channelIds(ids, CONSUMER, c, CONSUMER_COUNTERS, link.label() + " receiving end"));
            }
        }
        return new KernelCounters(control, workers, pins, producers, consumers);
    }

    private static int[] channelIds(Ids ids, int type, int channel, int count, String label) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = ids.id(type, channel, i, 0, label + " " + i);
        }
        return out;
    }

    /** The id of control slot {@code slot}. */
    public int control(ControlSlot slot) {
        return control[slot.ordinal()];
    }

    /** Ids of worker {@code worker}'s counters, in {@link WorkerMetrics#allCounters()} order. */
    int[] worker(int worker) {
        return workers[worker];
    }

    /** Ids of worker {@code worker}'s granted-CPU mask and pinned flag. */
    public int[] pin(int worker) {
        return pins[worker];
    }

    /** Channel index to the ids of the sending ends in this kernel. */
    public Map<Integer, int[]> producers() {
        return producers;
    }

    /** Channel index to the ids of the receiving ends in this kernel. */
    public Map<Integer, int[]> consumers() {
        return consumers;
    }

    /** Workers the kernel has. */
    public int workers() {
        return workers.length;
    }
}
