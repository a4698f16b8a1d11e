package io.crosskernel.bench.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.crosskernel.hypervisor.jvm.JvmOpenings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs {@link IsolationBenchmark} once per garbage collector, each in a JVM of its own started with the flags of
 * {@link Collector}, and collects what each wrote. The first three set-ups of one run share their JVM, so they share
 * its collector too (the own-JVM ones, {@link OwnJvmPartition}, start their JVMs with the same flags): under G1 the
 * allocating thread's young collections stop every thread for milliseconds, pinned or not, and set every set-up's
 * tail; under ZGC the pauses stay well under a millisecond and what is left is scheduling. Measuring both in one
 * command shows which part of a figure is the scheduler's and which the collector's.
 *
 * <p>Threading: a command-line helper; {@link #run} blocks its caller while the child JVMs run, one after the other,
 * copying each child's output to this JVM's standard output ({@link ChildOutput}).
 */
public final class IsolationForks {
    /**
     * Flags every child gets: the launcher's fixed, pre-touched heap and its safepoint settings, and the project's
     * module openings ({@link JvmOpenings}).
     */
    static final List<String> COMMON_FLAGS = commonFlags();
    /** JVM starts (this one and the own-JVM set-ups'), heap pre-touch, boot and drain on top of the measured time. */
    private static final long SLACK_SECONDS = 180;

    /** A collector to run the benchmark under, with the flags that select and size it. */
    public enum Collector {
        /**
         * G1 with a fixed 256 MiB young generation: without it G1 grows the young generation during the first set-up
         * and the later ones see no collection at all, which compares unlike with unlike.
         */
        G1("g1", List.of("-XX:+UseG1GC", "-Xmn256m")),
        /**
         * ZGC: concurrent marking and relocation, pauses well under a millisecond; non-generational on Java 17,
         * generational by default from Java 23 (run the children on another JDK with {@code --isolation-jdk}).
         */
        ZGC("zgc", List.of("-XX:+UseZGC"));

        private final String label;
        private final List<String> flags;

        Collector(String label, List<String> flags) {
            this.label = label;
            this.flags = flags;
        }

        public String label() {
            return label;
        }

        public List<String> flags() {
            return flags;
        }

        /** @throws IllegalArgumentException for an unknown label (the message lists the known ones) */
        public static Collector named(String label) {
            for (Collector c : values()) {
                if (c.label.equals(label.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown collector '" + label + "' (g1 or zgc)");
        }

        /** @return the collectors named in a comma-separated list such as {@code g1,zgc} */
        public static List<Collector> parse(String list) {
            List<Collector> out = new ArrayList<>();
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    out.add(named(name.trim()));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no collector named in '" + list + "' (g1, zgc or g1,zgc)");
            }
            return List.copyOf(out);
        }
    }

    private IsolationForks() {
    }

    /**
     * Runs the benchmark under each collector in turn, writing {@code isolation-<collector>.json} into {@code dir}.
     *
     * @return the collectors' results in order, each the child's JSON tree with a {@code collector} entry first
     * @throws IllegalStateException if a child fails, times out or writes no result
     */
    public static List<Map<String, Object>> run(IsolationBenchmark.Settings settings, List<Collector> collectors,
            Path javaHome, Path dir) throws IOException, InterruptedException {
        Path java = javaHome.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("no java at " + java + " (give a JDK's home directory)");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Collector collector : collectors) {
            Path out = dir.resolve("isolation-" + collector.label() + ".json");
            Files.deleteIfExists(out);
            List<String> command = command(java, settings, collector, out);
            List<String> flags = new ArrayList<>(COMMON_FLAGS);
            flags.addAll(collector.flags());
            System.out.println("isolation under " + collector.label() + " (" + java + " " + String.join(" ", flags)
                    + ")");
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread copier = ChildOutput.copy(child, "isolation-" + collector.label() + "-output", "  ", null, null);
            // Every set-up runs for its warm-up and measured time; the own-JVM set-up also starts two JVMs.
            long timeout = (long) (IsolationBenchmark.SETUPS.size() * (settings.seconds() + settings.warmupSeconds()))
                    + SLACK_SECONDS;
            if (!child.waitFor(timeout, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException("isolation under " + collector.label() + " did not finish within "
                        + timeout + " s");
            }
            copier.join(TimeUnit.SECONDS.toMillis(10));
            if (child.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("isolation under " + collector.label() + " failed (exit "
                        + child.exitValue() + (Files.exists(out) ? "" : ", no " + out) + ")");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("collector", collector.label());
            result.put("collectorFlags", String.join(" ", collector.flags()));
            result.put("java", java.toString());
            result.putAll(read(out));
            results.add(result);
        }
        return results;
    }

    private static List<String> commonFlags() {
        List<String> flags = new ArrayList<>(List.of("-Xss1m", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
                "-XX:+PerfDisableSharedMem", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0",
                "-Dslf4j.internal.verbosity=ERROR"));
        flags.addAll(JvmOpenings.flags());
        return List.copyOf(flags);
    }

    /** The child's command line: {@code java}, the flags, this class path, the benchmark's options. */
    static List<String> command(Path java, IsolationBenchmark.Settings settings, Collector collector, Path out) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(COMMON_FLAGS);
        command.addAll(collector.flags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IsolationBenchmark.class.getName());
        command.addAll(IsolationBenchmark.arguments(settings));
        command.add("--out");
        command.add(out.toAbsolutePath().toString());
        return command;
    }

    /** Reads a JSON object a child JVM wrote. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        // JSON is YAML 1.2: the project's YAML parser reads the child's file back as maps and lists.
        Object tree = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        if (!(tree instanceof Map)) {
            throw new IllegalStateException(file + " does not hold a JSON object");
        }
        return (Map<String, Object>) tree;
    }
}
