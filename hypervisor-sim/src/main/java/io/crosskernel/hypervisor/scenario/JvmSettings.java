package io.crosskernel.hypervisor.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM of a kernel that runs in a process of its own ({@code jvm:} of a kernel with {@code isolation: process},
 * docs/SCENARIOS.md): its heap, its collector and further JVM options. What is not set is the launcher's.
 *
 * @param heapBytes the heap, fixed ({@code -Xms} = {@code -Xmx}), in bytes; null: the launcher's
 * @param collector {@code g1}, {@code zgc}, {@code parallel} or {@code serial}; null: the launcher's
 * @param options   further JVM options, after the launcher's and the two above, so they win where they overlap
 * @param pos       where {@code jvm:} is written, or null when it is not
 */
public record JvmSettings(Long heapBytes, String collector, List<String> options, SourcePos pos) {
    /** No settings: the kernel process takes the launcher's JVM flags. */
    public static final JvmSettings NONE = new JvmSettings(null, null, List.of(), null);
    /** Each collector's name in a scenario and the flag that selects it. */
    public static final Map<String, String> COLLECTORS = Map.of("g1", "-XX:+UseG1GC", "zgc", "-XX:+UseZGC",
            "parallel", "-XX:+UseParallelGC", "serial", "-XX:+UseSerialGC");
    /** The smallest heap accepted: below it a JVM with a kernel, its rings' handlers and histograms does not boot. */
    public static final long MIN_HEAP_BYTES = 32L << 20;

    public JvmSettings {
        options = List.copyOf(options);
    }

    /** True when nothing is set. */
    public boolean isEmpty() {
        return heapBytes == null && collector == null && options.isEmpty();
    }

    /** The flags these settings add to the launcher's, in order. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (heapBytes != null) {
            flags.add("-Xms" + heapBytes);
            flags.add("-Xmx" + heapBytes);
        }
        if (collector != null) {
            flags.add(COLLECTORS.get(collector));
        }
        flags.addAll(options);
        return flags;
    }

    /** True for a launcher flag that selects a collector (to be dropped when these settings choose one). */
    public static boolean selectsCollector(String flag) {
        return flag.matches("-XX:[+-]Use\\w*GC");
    }

    /** True for a launcher flag that sizes the heap (to be dropped when these settings size it). */
    public static boolean sizesHeap(String flag) {
        return flag.startsWith("-Xmx") || flag.startsWith("-Xms") || flag.startsWith("-XX:MaxHeapSize=")
                || flag.startsWith("-XX:InitialHeapSize=") || flag.startsWith("-XX:MinHeapSize=");
    }
}
