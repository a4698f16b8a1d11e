package io.crosskernel.hypervisor.affinity;

import io.crosskernel.hypervisor.topology.CpuList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.affinity.impl.LinuxHelper;

/**
 * Moves the JVM's own unpinned threads (JIT compilers, GC workers, the host thread, signal and reference handlers)
 * off the cores that kernels own exclusively, so a real-time kernel's core runs its kernel and nothing else.
 *
 * <p>Pinning a kernel's worker only says where that thread may run; without this step Linux still schedules the
 * JVM's other threads on the same core, and a C2 compilation or a GC worker taking the core for milliseconds shows up
 * as release lateness. Threads created later inherit the mask of the thread that creates them, so confining the
 * existing ones once, after the kernels have pinned theirs, covers the JVM's helper threads for the rest of the run.
 *
 * <p>Only threads whose allowed CPUs are still the whole process's set are moved: threads a kernel pinned itself
 * (workers, pinned pool threads) keep their placement. The VM thread and the stop-the-world GC workers are left free
 * on purpose: they run only while every Java thread is stopped at a safepoint anyway, and confining them to the busy
 * cores would make every safepoint and GC pause longer for the kernels they stop. Linux only; elsewhere it does nothing. Host thread, boot only.
 */
public final class JvmThreadConfiner {
    private static final Path TASKS = Path.of("/proc/self/task");

    private JvmThreadConfiner() {
    }

    /**
     * @param allowed the CPUs the JVM's unpinned threads may use from now on (must not be empty)
     * @return what was done, for the report
     */
    public static Result confineUnpinnedThreads(List<Integer> processCpus, List<Integer> allowed) {
        if (allowed.isEmpty() || !Files.isDirectory(TASKS)) {
            return new Result(0, 0, "not confined: " + (allowed.isEmpty() ? "no core left" : "no /proc/self/task"));
        }
        BitSet mask = new BitSet();
        allowed.forEach(mask::set);
        int moved = 0;
        int failed = 0;
        String firstFailure = null;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                List<Integer> current = allowedCpus(task);
                if (current == null || !current.equals(processCpus) || runsOnlyAtSafepoints(task)) {
                    continue; // gone, pinned by a kernel, or a thread that only runs while everything is stopped
                }
                try {
                    LinuxHelper.sched_setaffinity(Integer.parseInt(task.getFileName().toString()), mask);
                    moved++;
                } catch (RuntimeException | LinkageError e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = e.toString();
                    }
                }
            }
        } catch (IOException e) {
            return new Result(moved, failed, "could not list the JVM's threads: " + e.getMessage());
        }
        return new Result(moved, failed, "moved " + moved + " unpinned JVM threads (JIT, concurrent GC, host) to cores "
                + CpuList.format(allowed) + (failed == 0 ? "" : "; " + failed + " could not be moved: " + firstFailure));
    }

    private static boolean runsOnlyAtSafepoints(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).trim();
            return name.startsWith("VM Thread") || name.startsWith("GC Thread");
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Integer> allowedCpus(Path task) {
        try {
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CpuList.parse(line.substring("Cpus_allowed_list:".length()).trim());
                }
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param moved  threads confined
     * @param failed threads that could not be moved
     * @param detail one line for the report
     */
    public record Result(int moved, int failed, String detail) {
    }
}
