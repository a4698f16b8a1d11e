package io.crosskernel.bench.isolation;

import io.crosskernel.bench.Json;
import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

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
 * <p>Beside the same noise JVM, other JVMs run {@link BareReleaseLoop}: the floor, what the machine leaves a
 * real-time kernel with no runtime at all. The two sides cannot measure at once (there is no third core), and this
 * VM's noise moves from one 10 s window to the next, so they take turns: {@link #WINDOW_SECONDS} s windows, a fresh
 * JVM each, in alternating order, merged per side through their lateness histograms (each child sends its own
 * back). Misses and collections are summed over the windows; the collections counted are the measuring JVMs' (the
 * noise JVM is stopped, not asked, once the measurement is over). While a window is measured, this JVM keeps its own
 * threads on core 0 as well.
 *
 * <p>Threading: {@link #run} blocks its caller while the children run; each child's output is copied to this JVM's
 * standard output, prefixed with its role ({@link ChildOutput}).
 */
final class OwnJvmPartition {
    static final String ROLE_REALTIME = "realtime";
    static final String ROLE_NOISE = "noise";
    static final String ROLE_FLOOR = "floor";
    /** What the noise JVM prints once its kernel runs (or, without CPU interference, its allocator). */
    static final String READY = "noise: running";
    /** JVM start, heap pre-touch and boot of one child. */
    private static final long START_SECONDS = 60;
    /** How long the noise JVM runs beyond the measuring JVMs' time, at most (it is stopped sooner). */
    private static final double NOISE_SLACK_SECONDS = 120;
    /** A measuring JVM's start and boot, as the noise JVM budgets it. */
    private static final double CHILD_START_SECONDS = 5;
    /** Measured seconds per window: a 30 s set-up runs as three windows of each side. */
    static final double WINDOW_SECONDS = 10;
    /** The key of a child's lateness histogram in its row. */
    static final String HISTOGRAM = "latenessHistogram";

    private OwnJvmPartition() {
    }

    /**
     * Runs the set-up and its floor beside one noise JVM: {@link #windows} windows of each, the real-time JVM's and
     * the bare loop's ({@link BareReleaseLoop}) alternating in both orders, each window a JVM of its own with the
     * full warm-up; returns the kernel's figures, then the floor's, each over all its windows.
     */
    static List<IsolationBenchmark.SetupResult> run(IsolationBenchmark.Settings settings)
            throws IOException, InterruptedException {
        List<String> taskset = tasksetCore0();
        String confinement = taskset.isEmpty()
                ? "noise JVM NOT confined (no taskset on the PATH, or CPU 0 not ours): its threads may run on core 1"
                : "noise JVM (general kernel, CPU interference, allocator) under taskset -c 0";
        int windows = windows(settings);
        IsolationBenchmark.Settings window = settings.withSeconds(settings.seconds() / windows);
        Process noise = start(settings, ROLE_NOISE, null, taskset);
        try {
            CountDownLatch ready = new CountDownLatch(1);
            ChildOutput.copy(noise, "own-jvm-noise-output", "  [noise JVM] ", READY, ready);
            if (!ready.await(START_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the noise JVM did not start its kernel within " + START_SECONDS
                        + " s" + (noise.isAlive() ? "" : " (it exited with " + noise.exitValue() + ")"));
            }
            Windows kernel = new Windows(IsolationBenchmark.OWN_JVM);
            Windows floor = new Windows(IsolationBenchmark.FLOOR_OWN_JVM);
            for (int w = 0; w < windows; w++) {
                // Both orders in turn, so neither side always gets the later (or the earlier) part of the run.
                List<String> order = w % 2 == 0 ? List.of(ROLE_REALTIME, ROLE_FLOOR)
                        : List.of(ROLE_FLOOR, ROLE_REALTIME);
                for (String role : order) {
                    measure(window, role, role.equals(ROLE_REALTIME) ? kernel : floor);
                    if (!noise.isAlive()) {
                        throw new IllegalStateException("the noise JVM ended (exit " + noise.exitValue()
                                + ") before the " + role + " JVM had finished: the measurement was not made under"
                                + " interference");
                    }
                }
            }
            StringBuilder pairs = new StringBuilder();
            for (int w = 0; w < windows; w++) {
                pairs.append(w == 0 ? "" : ", ").append(micros(kernel.p99s.get(w))).append(" / ")
                        .append(micros(floor.p99s.get(w)));
            }
            String perWindow = windows + " windows of " + window.seconds() + " s each, alternating; p99 per window,"
                    + " kernel / floor (us): " + pairs;
            return List.of(kernel.result(ROLE_REALTIME + " JVM: ", perWindow + "; " + confinement),
                    floor.result(ROLE_FLOOR + " JVM: ", confinement));
        } finally {
            noise.destroy();
            if (!noise.waitFor(10, TimeUnit.SECONDS)) {
                noise.destroyForcibly();
            }
        }
    }

    /** Windows of each side: one per {@value #WINDOW_SECONDS} s of measured time, at least one. */
    static int windows(IsolationBenchmark.Settings settings) {
        return Math.max(1, (int) Math.round(settings.seconds() / WINDOW_SECONDS));
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }

    /**
     * Runs one measuring child ({@code realtime} or {@code floor}) to its end and adds its window to {@code into}.
     * While it runs, this JVM's own unpinned threads (a concurrent collector's included) are kept on core 0 too;
     * they are moved only once the child has started, since a child inherits the mask of the thread that starts it.
     */
    private static void measure(IsolationBenchmark.Settings settings, String role, Windows into)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("crosskernel-own-jvm");
        Path out = dir.resolve(role + ".json");
        List<Integer> all = CpuTopology.detect().allowedCpus();
        try {
            Process child = start(settings, role, out, List.of());
            ChildOutput.copy(child, "own-jvm-" + role + "-output", "  [" + role + " JVM] ", null, null);
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
            Map<String, Object> row = IsolationForks.read(out);
            into.add(IsolationBenchmark.SetupResult.fromJson(row), decode(row.get(HISTOGRAM)));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(dir);
        }
    }

    /** A child's lateness histogram, HdrHistogram's compressed encoding in Base64, as it rides in the child's row. */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.DEFAULT_COMPRESSION);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(Object encoded) {
        if (!(encoded instanceof String)) {
            throw new IllegalStateException("a child's row has no '" + HISTOGRAM + "'");
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode((String) encoded)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalStateException("a child's '" + HISTOGRAM + "' does not decode: " + e.getMessage(), e);
        }
    }

    /** One side's windows, merged: latencies through their histograms, counts summed. Owner thread only. */
    static final class Windows {
        private final String setup;
        private final Histogram lateness = IsolationBenchmark.newLatenessHistogram();
        final List<Long> p99s = new ArrayList<>();
        private final Map<String, long[]> collectors = new LinkedHashMap<>();
        private long misses;
        private String notes;

        Windows(String setup) {
            this.setup = setup;
        }

        void add(IsolationBenchmark.SetupResult window, Histogram windowLateness) {
            lateness.add(windowLateness);
            p99s.add(window.p99());
            misses += window.deadlineMisses();
            window.collectors().forEach((bean, figures) -> {
                long[] sum = collectors.computeIfAbsent(bean, b -> new long[2]);
                sum[0] += figures[0];
                sum[1] += figures[1];
            });
            if (notes == null) {
                notes = window.notes();
            }
        }

        IsolationBenchmark.SetupResult result(String prefix, String suffix) {
            return new IsolationBenchmark.SetupResult(setup, lateness.getTotalCount(),
                    lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(99),
                    lateness.getValueAtPercentile(99.9), lateness.getMaxValue(),
                    misses, collectors, prefix + notes + "; " + suffix);
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

    /** {@code taskset -c 0} when the PATH has it (util-linux) and CPU 0 is this process's to use, else nothing. */
    private static List<String> tasksetCore0() {
        String path = System.getenv("PATH");
        // taskset refuses a CPU outside the process's set, and the noise JVM would then never start.
        if (path != null && CpuTopology.detect().allowedCpus().contains(0)) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path taskset = Path.of(dir, "taskset");
                if (Files.isExecutable(taskset)) {
                    return List.of(taskset.toString(), "-c", "0");
                }
            }
        }
        return List.of();
    }

    /**
     * A child: {@code --role realtime --out FILE} measures the real-time kernel for one window and writes its row, with
     * its lateness histogram, to FILE, {@code --role floor --out FILE} the bare loop; {@code --role noise} runs the
     * interference until it is stopped (or for every window of both plus {@value #NOISE_SLACK_SECONDS} s), and prints
     * {@value #READY} once it runs. Other options as {@link IsolationBenchmark}'s.
     */
    public static void main(String[] args) throws Exception {
        IsolationBenchmark.Options options = IsolationBenchmark.Options.parse(args, null);
        IsolationBenchmark.Settings settings = options.settings();
        if (ROLE_REALTIME.equals(options.role()) && options.out() != null) {
            AtomicReference<Histogram> lateness = new AtomicReference<>();
            IsolationBenchmark.SetupResult result = IsolationBenchmark.runHypervisor(IsolationBenchmark.OWN_JVM,
                    IsolationBenchmark.ownJvmRealtimeYaml(settings), 0, new RunListener() {
                        @Override
                        public void onRecordings(RunRecordings recordings) {
                            lateness.set(recordings.kernelLateness().get("rt"));
                        }
                    });
            if (lateness.get() == null) {
                throw new IllegalStateException("the real-time run recorded no lateness for kernel 'rt'");
            }
            write(options.out(), result, lateness.get());
        } else if (ROLE_FLOOR.equals(options.role()) && options.out() != null) {
            Histogram lateness = IsolationBenchmark.newLatenessHistogram();
            write(options.out(), BareReleaseLoop.run(settings, lateness), lateness);
        } else if (ROLE_NOISE.equals(options.role())) {
            // Every window's JVM start, warm-up and measurement, both sides, with room to spare.
            int windows = windows(settings);
            runNoise(settings, 2 * (windows * (settings.warmupSeconds() + CHILD_START_SECONDS) + settings.seconds())
                    + NOISE_SLACK_SECONDS);
        } else {
            throw new IllegalArgumentException(
                    "give --role realtime --out FILE, --role floor --out FILE or --role noise");
        }
    }

    private static void write(Path out, IsolationBenchmark.SetupResult result, Histogram lateness)
            throws IOException {
        Map<String, Object> row = result.toJson();
        row.put(HISTOGRAM, encode(lateness));
        Json.write(out, row);
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
