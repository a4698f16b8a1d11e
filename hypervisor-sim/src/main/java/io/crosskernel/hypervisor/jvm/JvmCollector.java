package io.crosskernel.hypervisor.jvm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector this JVM runs, by the names of its collector beans: {@code G1}, {@code ZGC}, {@code Parallel},
 * {@code Serial}, {@code Shenandoah}, {@code Epsilon}, or the beans' names joined when none of these.
 *
 * <p>Stateless; any thread.
 */
public final class JvmCollector {
    private JvmCollector() {
    }

    /** This JVM's collector. */
    public static String name() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(bean.getName());
        }
        return of(names);
    }

    /** The collector whose beans are named {@code beans}. */
    static String of(List<String> beans) {
        String all = String.join(", ", beans);
        if (all.contains("G1 ")) {
            return "G1";
        }
        if (all.contains("ZGC")) {
            return "ZGC";
        }
        if (all.contains("PS Scavenge") || all.contains("PS MarkSweep")) {
            return "Parallel";
        }
        if (all.contains("Shenandoah")) {
            return "Shenandoah";
        }
        if (beans.contains("Copy") || beans.contains("MarkSweepCompact")) {
            return "Serial";
        }
        return beans.isEmpty() ? "Epsilon" : all;
    }
}
