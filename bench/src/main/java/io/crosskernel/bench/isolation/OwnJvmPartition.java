package io.crosskernel.bench.isolation;

import io.crosskernel.bench.Json;
import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.host.BootSummary;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code partitioned-own-jvm} set-up: the partitioned set-up with its two halves in two JVMs, so the real-time
 * kernel no longer shares a heap, and with it a collector, with the allocating interference.
 * <ul>
 *   <li>the <b>noise JVM</b>, started under {@code taskset -c 0} (every thread of it, collector and compiler threads
 *       included, confined to core 0): the {@code noisy} general kernel on core 0 with the CPU interference, and the
 *       allocating thread;</li>
 *   <li>the <b>real-time JVM</b>: the {@code rt} kernel alone on core 1 with the periodic task, nothing allocating;
 *       its host moves that JVM's own unpinned threads to core 0, as in every partitioned run.</li>
 * </ul>
 * Both are started the way {@code xk run} would run such a pair (two hosts on disjoint cores, the real
 * {@link io.crosskernel.hypervisor.host.Hypervisor} in each), with this JVM's own flags, so the collector is the one
 * being measured. The real-time JVM starts only once the noise JVM's kernel runs, and the noise JVM must still be
 * running when each measuring JVM has finished, or the set-up fails: every release measured had the interference
 * beside it. The two kernels exchange no messages (the periodic task needs none), which is what lets them live in two
 * JVMs today: channels are in-process (docs/ARCHITECTURE.md).
 *
 * <p>Lateness and misses come from the real-time JVM's {@link RunReport}; the collections counted are that JVM's
 * (the noise JVM is stopped, not asked, once the measurement is over). After the real-time JVM, a third JVM runs
 * {@link BareReleaseLoop} beside the same noise JVM: the floor, what the machine leaves a real-time kernel with no
 * runtime at all. While either measures, this JVM keeps its own threads on core 0 as well.
 *
 * <p>Threading: {@link #run} blocks its caller while the children run; one daemon thread per child copies its output
 * to this JVM's standard output, a line at a time, prefixed with the child's role.
 */
final class OwnJvmPartition {
    static final String ROLE_REALTIME = "realtime";
    static final String ROLE_NOISE = "noise";
    static final String ROLE_FLOOR = "floor";
    /** What the noise JVM prints once its kernel runs (or, without CPU interference, its allocator). */
    static final String READY = "noise: running";
    /** JVM start, heap pre-touch and boot of one child. */
    private static final long START_SECONDS = 60;
    /** How long the noise JVM runs beyond the real-time JVM's measurement, at most (it is stopped sooner). */
    private static final double NOISE_SLACK_SECONDS = 120;

    private OwnJvmPartition() {
    }

    /**
     * Runs the set-up and its floor: the noise JVM, then beside it the real-time JVM and, after it, the bare loop's
     * JVM ({@link BareReleaseLoop}); returns their figures in that order.
     */
    static List<IsolationBenchmark.SetupResult> run(IsolationBenchmark.Settings settings)
            throws IOException, InterruptedException {
        List<String> taskset = tasksetCore0();
        String confinement = taskset.isEmpty()
                ? "noise JVM NOT confined (no taskset on the PATH): its threads may run on core 1"
                : "noise JVM (general kernel, CPU interference, allocator) under taskset -c 0";
        Process noise = start(settings, ROLE_NOISE, null, taskset);
        try {
            CountDownLatch ready = new CountDownLatch(1);
            copyOutput(noise, ROLE_NOISE, ready);
            if (!ready.await(START_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the noise JVM did not start its kernel within " + START_SECONDS
                        + " s" + (noise.isAlive() ? "" : " (it exited with " + noise.exitValue() + ")"));
            }
            List<IsolationBenchmark.SetupResult> results = new ArrayList<>();
            for (String role : List.of(ROLE_REALTIME, ROLE_FLOOR)) {
                IsolationBenchmark.SetupResult r = measure(settings, role);
                if (!noise.isAlive()) {
                    throw new IllegalStateException("the noise JVM ended (exit " + noise.exitValue() + ") before the "
                            + role + " JVM had finished: the measurement was not made under interference");
                }
                results.add(new IsolationBenchmark.SetupResult(r.setup(), r.releases(), r.p50(), r.p99(), r.p999(),
                        r.max(), r.deadlineMisses(), r.collectors(), role + " JVM: " + r.notes() + "; "
                        + confinement));
            }
            return results;
        } finally {
            noise.destroy();
            if (!noise.waitFor(10, TimeUnit.SECONDS)) {
                noise.destroyForcibly();
            }
        }
    }

    /**
     * Runs one measuring child ({@code realtime} or {@code floor}) to its end and reads its row. While it runs, this
     * JVM's own unpinned threads (a concurrent collector's included) are kept on core 0 too; they are moved only
     * once the child has started, since a child inherits the mask of the thread that starts it.
     */
    private static IsolationBenchmark.SetupResult measure(IsolationBenchmark.Settings settings, String role)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("crosskernel-own-jvm");
        Path out = dir.resolve(role + ".json");
        List<Integer> all = CpuTopology.detect().allowedCpus();
        try {
            Process child = start(settings, role, out, List.of());
            copyOutput(child, role, null);
            JvmThreadConfiner.confineUnpinnedThreads(all, List.of(0));
            long timeout = (long) (settings.seconds() + settings.warmupSeconds()) + START_SECONDS;
            try {
                if (!child.waitFor(timeout, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    throw new IllegalStateException("the " + role + " JVM did not finish within " + timeout + " s");
                }
            } finally {
                JvmThreadConfiner.confineUnpinnedThreads(List.of(0), all);
            }
            if (child.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("the " + role + " JVM failed (exit " + child.exitValue()
                        + (Files.exists(out) ? "" : ", no " + out) + ")");
            }
            return IsolationBenchmark.SetupResult.fromJson(IsolationForks.read(out));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(dir);
        }
    }

    /** A child JVM of {@code role}: this JVM's java, flags and class path; under {@code prefix} when not empty. */
    private static Process start(IsolationBenchmark.Settings settings, String role, Path out, List<String> prefix)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib:jdwp")) { // a debugger's port cannot be opened twice
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OwnJvmPartition.class.getName());
        command.add("--role");
        command.add(role);
        command.addAll(IsolationBenchmark.arguments(settings));
        if (out != null) {
            command.add("--out");
            command.add(out.toString());
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** {@code taskset -c 0} when the PATH has it (util-linux), else nothing. */
    private static List<String> tasksetCore0() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path taskset = Path.of(dir, "taskset");
                if (Files.isExecutable(taskset)) {
                    return List.of(taskset.toString(), "-c", "0");
                }
            }
        }
        return List.of();
    }

    /** Copies {@code child}'s output on a daemon thread; counts {@code ready} down at the line {@link #READY}. */
    private static void copyOutput(Process child, String role, CountDownLatch ready) {
        Thread copier = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("  [" + role + " JVM] " + line);
                    if (ready != null && line.equals(READY)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                System.out.println("  [" + role + " JVM] (output lost: " + e.getMessage() + ")");
            }
        }, "own-jvm-" + role + "-output");
        copier.setDaemon(true);
        copier.start();
    }

    /**
     * A child: {@code --role realtime --out FILE} measures the real-time kernel and writes its set-up row to FILE,
     * {@code --role floor --out FILE} the bare loop; {@code --role noise} runs the interference until it is stopped
     * (or for both measurements plus {@value #NOISE_SLACK_SECONDS} s), and prints {@value #READY} once it runs.
     * Other options as {@link IsolationBenchmark}'s.
     */
    public static void main(String[] args) throws Exception {
        IsolationBenchmark.Options options = IsolationBenchmark.Options.parse(args, null);
        IsolationBenchmark.Settings settings = options.settings();
        if (ROLE_REALTIME.equals(options.role()) && options.out() != null) {
            IsolationBenchmark.SetupResult result = IsolationBenchmark.runHypervisor(IsolationBenchmark.OWN_JVM,
                    IsolationBenchmark.ownJvmRealtimeYaml(settings), 0);
            Json.write(options.out(), result.toJson());
        } else if (ROLE_FLOOR.equals(options.role()) && options.out() != null) {
            Json.write(options.out(), BareReleaseLoop.run(settings).toJson());
        } else if (ROLE_NOISE.equals(options.role())) {
            runNoise(settings, 2 * (settings.warmupSeconds() + settings.seconds()) + NOISE_SLACK_SECONDS);
        } else {
            throw new IllegalArgumentException("give --role realtime --out FILE, --role floor --out FILE or --role noise");
        }
    }

    private static void runNoise(IsolationBenchmark.Settings settings, double seconds) throws Exception {
        try (AllocationInterference alloc = AllocationInterference.start(0, settings.allocationMibPerSecond())) {
            if (settings.interferenceRate() > 0) {
                RunReport report = IsolationBenchmark.runScenario(IsolationBenchmark.OWN_JVM + "-noise",
                        IsolationBenchmark.ownJvmNoiseYaml(settings, seconds), new RunListener() {
                            @Override
                            public void onStarted(BootSummary boot) {
                                System.out.println(READY);
                            }
                        });
                if (report.failure() != null) {
                    throw new IllegalStateException("the noise kernel's run failed: " + report.failure());
                }
            } else {
                System.out.println(READY);
                long end = System.nanoTime() + (long) (seconds * 1e9);
                for (long left; (left = end - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left); // the allocator works; this thread only waits out the run
                }
            }
        }
    }
}
