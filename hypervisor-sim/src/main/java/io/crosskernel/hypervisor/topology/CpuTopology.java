package io.crosskernel.hypervisor.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPUs this process can see and use, as read once at start-up. Immutable; safe to share between threads.
 *
 * <p>Each list is sorted ascending without duplicates (the constructor normalises them), so tests can build fake
 * topologies directly: {@code new CpuTopology(List.of(0, 1, 2, 3), List.of(), List.of(0, 1, 2, 3), 4)}.
 *
 * @param onlineCpus          CPUs the OS has online ({@code /sys/devices/system/cpu/online})
 * @param isolatedCpus        CPUs removed from the general scheduler with {@code isolcpus=}
 *                            ({@code /sys/devices/system/cpu/isolated}); usually empty
 * @param allowedCpus         this process's affinity mask ({@code Cpus_allowed_list} in {@code /proc/self/status}),
 *                            narrowed for example by {@code taskset} or a container's cpuset
 * @param availableProcessors what the JVM reports ({@link Runtime#availableProcessors()})
 */
public record CpuTopology(List<Integer> onlineCpus, List<Integer> isolatedCpus, List<Integer> allowedCpus,
        int availableProcessors) {

    private static final Path SYS_CPU = Paths.get("/sys/devices/system/cpu");
    private static final Path PROC_SELF_STATUS = Paths.get("/proc/self/status");
    private static final String ALLOWED_KEY = "Cpus_allowed_list:";

    public CpuTopology {
        onlineCpus = sortedDistinct(onlineCpus);
        isolatedCpus = sortedDistinct(isolatedCpus);
        allowedCpus = sortedDistinct(allowedCpus);
    }

    /**
     * The machine a simulated run pretends to have: CPUs {@code 0..cpuCount-1}, all online, allowed and isolated
     * (a virtual core runs nothing but what the scenario puts on it). Nothing is pinned in simulation, so any core a
     * scenario names can exist.
     */
    public static CpuTopology virtual(int cpuCount) {
        List<Integer> cpus = new java.util.ArrayList<>(cpuCount);
        for (int i = 0; i < cpuCount; i++) {
            cpus.add(i);
        }
        return new CpuTopology(cpus, cpus, cpus, cpuCount);
    }

    /**
     * Reads this machine's topology. Call it at boot, before any thread is pinned: {@code Cpus_allowed_list} is the
     * main thread's mask and {@link Runtime#availableProcessors()} the calling thread's, so a pinned caller would see
     * only its own core. Never throws: where a file is missing or unreadable (non-Linux systems) the
     * online and allowed CPUs fall back to {@code 0..availableProcessors-1} and the isolated CPUs to none.
     */
    public static CpuTopology detect() {
        return detect(SYS_CPU, PROC_SELF_STATUS, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #detect()} against other files, so the fall-backs can be tested. */
    static CpuTopology detect(Path sysCpuDir, Path procSelfStatus, int availableProcessors) {
        List<Integer> fallback = new ArrayList<>(availableProcessors);
        for (int cpu = 0; cpu < availableProcessors; cpu++) {
            fallback.add(cpu);
        }
        List<Integer> online = readCpuList(sysCpuDir.resolve("online"));
        List<Integer> isolated = readCpuList(sysCpuDir.resolve("isolated"));
        List<Integer> allowed = readAllowed(procSelfStatus);
        return new CpuTopology(online == null || online.isEmpty() ? fallback : online,
                isolated == null ? List.of() : isolated,
                allowed == null || allowed.isEmpty() ? fallback : allowed,
                availableProcessors);
    }

    /** @return true if {@code cpu} is online and this process may run on it */
    public boolean exists(int cpu) {
        return onlineCpus.contains(cpu) && allowedCpus.contains(cpu);
    }

    /** @return the CPUs threads of this process can be pinned to: online ∩ allowed, sorted ascending */
    public List<Integer> usableCpus() {
        List<Integer> usable = new ArrayList<>(allowedCpus.size());
        for (Integer cpu : allowedCpus) {
            if (onlineCpus.contains(cpu)) {
                usable.add(cpu);
            }
        }
        return List.copyOf(usable);
    }

    /** Multi-line text for {@code xk topology}: what exists, what is isolated, and what a scenario can pin to. */
    public String render() {
        List<Integer> usable = usableCpus();
        List<Integer> isolatedUsable = new ArrayList<>(isolatedCpus);
        isolatedUsable.retainAll(usable);
        StringBuilder out = new StringBuilder();
        line(out, "online CPUs", describe(onlineCpus));
        line(out, "isolated (isolcpus)", isolatedCpus.isEmpty()
                ? "none: kernels will share their cores with the OS's other work"
                : describe(isolatedCpus));
        line(out, "allowed for this process", describe(allowedCpus));
        line(out, "JVM available processors", Integer.toString(availableProcessors));
        line(out, "can pin kernels to", usable.isEmpty() ? "nothing" : describe(usable));
        if (!usable.isEmpty()) {
            int forKernels = usable.size() - 1;
            line(out, "with housekeeping on", forKernels == 0
                    ? "no core is left for kernels once the host keeps " + usable.get(0)
                            + " (set host.housekeeping: false, or host.oversubscribe: true)"
                    : forKernels + " core" + (forKernels == 1 ? "" : "s")
                            + " for kernels, one kept for the host (the lowest one no kernel asks for)");
        }
        if (!isolatedUsable.isEmpty()) {
            line(out, "quietest cores", CpuList.format(isolatedUsable) + " (isolated: best for realtime kernels)");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-26s %s%n", label + ':', value));
    }

    private static String describe(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            return "none";
        }
        return CpuList.format(cpus) + " (" + cpus.size() + (cpus.size() == 1 ? " CPU)" : " CPUs)");
    }

    /** @return the parsed list, or null if the file cannot be read or parsed */
    private static List<Integer> readCpuList(Path file) {
        try {
            return CpuList.parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** @return {@code Cpus_allowed_list} from a {@code /proc/<pid>/status} file, or null */
    private static List<Integer> readAllowed(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(ALLOWED_KEY)) {
                    return CpuList.parse(line.substring(ALLOWED_KEY.length()));
                }
            }
            return null;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static List<Integer> sortedDistinct(List<Integer> cpus) {
        Set<Integer> sorted = new TreeSet<>();
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0) {
                throw new IllegalArgumentException("not a CPU number: " + cpu);
            }
            sorted.add(cpu);
        }
        return List.copyOf(sorted);
    }
}
