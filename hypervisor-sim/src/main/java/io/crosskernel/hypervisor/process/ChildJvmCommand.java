package io.crosskernel.hypervisor.process;

import io.crosskernel.hypervisor.jvm.JvmOpenings;
import io.crosskernel.hypervisor.scenario.JvmSettings;
import io.crosskernel.hypervisor.topology.CpuList;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a kernel process: this JVM's {@code java}, its JVM flags (less a debugger's agent, whose port
 * cannot be opened twice) and the module openings, its class path, the main class and its arguments; under
 * {@code taskset -c CORES} when the PATH has {@code taskset} and the kernel has cores of this machine, so that every
 * thread of the child, its JIT compilers and collector included, runs on the kernel's cores from its first
 * instruction.
 *
 * <p>Stateless.
 */
public final class ChildJvmCommand {
    private ChildJvmCommand() {
    }

    /**
     * @param cores     the kernel's cores that exist here (empty: no {@code taskset})
     * @param mainClass the child's main class
     * @param arguments its arguments
     */
    public static List<String> of(List<Integer> cores, String mainClass, List<String> arguments) {
        return command(cores, JvmSettings.NONE, false, mainClass, arguments);
    }

    /**
     * A kernel process's command: as {@link #of(List, String, List)}, with the kernel's own JVM settings (a heap or
     * collector it sets replaces the launcher's flags of that kind, since two collectors on one command line stop a
     * JVM at its start, and its settings come after the launcher's flags, so they win where they overlap), and
     * {@code -XX:+ExitOnOutOfMemoryError} unless something says otherwise.
     */
    public static List<String> of(List<Integer> cores, JvmSettings jvm, String mainClass, List<String> arguments) {
        return command(cores, jvm, true, mainClass, arguments);
    }

    private static List<String> command(List<Integer> cores, JvmSettings jvm, boolean kernelProcess,
            String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(tasksetPrefix(cores));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : flags) {
            if (flag.startsWith("-agentlib:jdwp") || flag.startsWith("-Xrunjdwp")
                    || jvm.collector() != null && JvmSettings.selectsCollector(flag)
                    || jvm.heapBytes() != null && JvmSettings.sizesHeap(flag)) {
                continue;
            }
            command.add(flag);
        }
        for (String opening : JvmOpenings.flags()) {
            if (!flags.contains(opening)) {
                command.add(opening);
            }
        }
        if (kernelProcess) {
            addExitOnOutOfMemory(command, flags, jvm);
        }
        command.addAll(jvm.flags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * {@code -XX:+ExitOnOutOfMemoryError}, unless the launcher or the kernel's options say what an
     * {@code OutOfMemoryError} does: a kernel process whose heap is exhausted exits (status 3) and the host handles it
     * as any other failure, rather than living on with the workers the error ended.
     */
    private static void addExitOnOutOfMemory(List<String> command, List<String> flags, JvmSettings jvm) {
        for (List<String> given : List.of(flags, jvm.options())) {
            for (String flag : given) {
                if (flag.contains("OnOutOfMemoryError")) {
                    return;
                }
            }
        }
        command.add("-XX:+ExitOnOutOfMemoryError");
    }

    /** {@code taskset -c CORES} when {@code cores} is not empty and the PATH has an executable taskset; else empty. */
    public static List<String> tasksetPrefix(List<Integer> cores) {
        Path taskset = taskset();
        if (cores.isEmpty() || taskset == null) {
            return List.of();
        }
        return List.of(taskset.toString(), "-c", CpuList.format(cores));
    }

    /** The {@code taskset} on the PATH, or null. */
    public static Path taskset() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "taskset");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
