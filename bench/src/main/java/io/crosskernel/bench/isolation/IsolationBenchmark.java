package io.crosskernel.bench.isolation;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.bench.Json;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Isolation: a 1 ms periodic task costing 50 µs, under CPU-heavy and allocation-heavy interference, in four set-ups
 * measured one after the other, the first three in this JVM:
 * <ol>
 *   <li>{@code stpe}: a {@link ScheduledThreadPoolExecutor} ({@code scheduleAtFixedRate}) sharing both cores with an
 *       unpinned CPU-interference thread and an unpinned allocating thread: what applications do today;</li>
 *   <li>{@code monolithic}: the real {@link Hypervisor} with one {@code general} kernel owning cores 0 and 1 that runs
 *       the periodic task and the CPU interference (a Poisson stream of spin tasks) side by side; the allocating
 *       thread is pinned to core 0;</li>
 *   <li>{@code partitioned}: the periodic task alone on a kernel of type {@code rtType} (default {@code realtime},
 *       {@code idle: busy-spin}) on core 1; the CPU interference on a {@code general} kernel on core 0, where the
 *       allocating thread is pinned too. The host keeps the JVM's own unpinned threads (JIT, concurrent GC, itself)
 *       off core 1, as it does for every scenario whose real-time kernel owns its core alone.</li>
 *   <li>{@code partitioned-own-jvm}: the partitioned set-up with the real-time kernel in a JVM of its own and the
 *       {@code noisy} kernel and the allocating thread in another, confined to core 0 ({@link OwnJvmPartition}).</li>
 * </ol>
 * and, beside the same noise JVM, {@code floor-own-jvm}: the periodic task as a bare busy loop with no runtime in a
 * JVM of its own ({@link BareReleaseLoop}), the best any real-time kernel could do there.
 * The CPU interference is the same in all four: {@code interferenceRate} tasks/s of {@code interferenceCost} each
 * (default 8k/s × 100 µs = 0.8 of a core, which fits on the one core the partitioned set-up gives it).
 *
 * <p>Lateness is start minus scheduled release; a deadline miss is a completion more than one period after release.
 * For the crosskernel set-ups both come from the host's {@link RunReport} (workload {@code control}); for the
 * executor they are measured here with an HdrHistogram {@link Recorder}, against releases at {@code t0 + n × period}
 * where {@code t0} is the executor's own first trigger time, read back from the {@link ScheduledFuture} right after
 * scheduling. (Reading the clock before scheduling instead overstated the executor's lateness by as much as
 * scheduling the first task took: the executor's classes load then, and they are cold in the first set-up of a JVM;
 * 0.5-3 ms on this VM.) Latencies of the first {@code warmup} are discarded in every set-up.
 *
 * <p>The first three set-ups share this JVM and so its collector: whatever stop-the-world pauses the allocating
 * thread causes stop their periodic task, pinned or not; the fourth shows what is left once the real-time kernel's
 * JVM allocates nothing. {@link IsolationForks} runs this class once per collector
 * (G1, ZGC) to show that part of the figure separately. The collectors seen, with their collection counts and times,
 * are part of the result.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.crosskernel.bench.isolation.IsolationBenchmark [--seconds S]
 * [--warmup S] [--rt-type TYPE] [--interference-rate R] [--allocation-rate MIB] [--out FILE]};
 * {@code --interference-rate 0} runs without the CPU interference, {@code --allocation-rate 0} without the allocating
 * thread (MiB/s, default {@value AllocationInterference#DEFAULT_MIB_PER_SECOND}).
 *
 * <p>Threading: {@link #run} blocks the calling thread for about five times {@code seconds + warmup}, plus the
 * starts of the own-JVM set-ups' JVMs.
 */
public final class IsolationBenchmark {
    public static final String STPE = "stpe";
    public static final String MONOLITHIC = "monolithic";
    public static final String PARTITIONED = "partitioned";
    public static final String OWN_JVM = "partitioned-own-jvm";
    /** Not a set-up of crosskernel: the machine's floor beside the same noise JVM ({@link BareReleaseLoop}). */
    public static final String FLOOR_OWN_JVM = "floor-own-jvm";
    public static final List<String> SETUPS = List.of(STPE, MONOLITHIC, PARTITIONED, OWN_JVM, FLOOR_OWN_JVM);
    private static final String NOISY_KERNEL = "  - {name: noisy, type: general, cores: [0], idle: backoff}\n";

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long COST_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Highest lateness every set-up's histogram tracks (larger ones are recorded as this). */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The executor's first release: well after scheduling returns, so t0 is published before it. */
    private static final long FIRST_DELAY_NANOS = 10 * PERIOD_NANOS;
    private static final long SEED = 42;
    /** The CPU interference's default: 8k tasks/s of 100 µs, 0.8 of a core. */
    private static final double INTERFERENCE_RATE = 8_000;
    private static final long INTERFERENCE_COST_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /**
     * @param seconds              measured time per set-up
     * @param warmupSeconds        discarded time before it
     * @param rtType               kernel type of the partitioned set-up's periodic kernel
     * @param interferenceRate     CPU-interference tasks per second
     * @param interferenceCostNanos each one's busy-spin cost
     * @param allocationMibPerSecond the allocating thread's rate (0: no allocating thread)
     */
    public record Settings(double seconds, double warmupSeconds, String rtType, double interferenceRate,
            long interferenceCostNanos, double allocationMibPerSecond) {
        /** The same settings for a measured time of {@code newSeconds}. */
        Settings withSeconds(double newSeconds) {
            return new Settings(newSeconds, warmupSeconds, rtType, interferenceRate, interferenceCostNanos,
                    allocationMibPerSecond);
        }

        public static Settings of(double seconds, double warmupSeconds, String rtType) {
            return new Settings(seconds, warmupSeconds, rtType, INTERFERENCE_RATE, INTERFERENCE_COST_NANOS,
                    AllocationInterference.DEFAULT_MIB_PER_SECOND);
        }
    }

    /**
     * One set-up's release lateness (ns) and misses.
     *
     * @param collectors collections during the set-up per collector bean: name to {@code [count, millis]} (for ZGC,
     *                   cycles and pauses are separate beans; millis is pause time for G1, cycle time for ZGC cycles)
     */
    public record SetupResult(String setup, long releases, long p50, long p99, long p999, long max,
            long deadlineMisses, Map<String, long[]> collectors, String notes) {
        /** Collections (or, for ZGC, cycles and pauses) over every collector bean. */
        public long gcCount() {
            return collectors.values().stream().mapToLong(figures -> figures[0]).sum();
        }

        /** Their accumulated time, as the beans report it. */
        public long gcMillis() {
            return collectors.values().stream().mapToLong(figures -> figures[1]).sum();
        }

        /** This set-up's row of {@code isolation.json} (without the ratios, which need the executor's row). */
        Map<String, Object> toJson() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("setup", setup);
            row.put("releases", releases);
            row.put("latenessP50", p50);
            row.put("latenessP99", p99);
            row.put("latenessP999", p999);
            row.put("latenessMax", max);
            row.put("deadlineMisses", deadlineMisses);
            row.put("gcCount", gcCount());
            row.put("gcMillis", gcMillis());
            Map<String, Object> perCollector = new LinkedHashMap<>();
            collectors.forEach((bean, figures) -> perCollector.put(bean, Map.of("count", figures[0],
                    "millis", figures[1])));
            row.put("gcByCollector", perCollector);
            row.put("notes", notes);
            return row;
        }

        /** The inverse of {@link #toJson()}, for a row a child JVM wrote (JSON read back as maps and numbers). */
        static SetupResult fromJson(Map<?, ?> row) {
            if (!(row.get("gcByCollector") instanceof Map)) {
                throw new IllegalStateException("isolation row without 'gcByCollector': " + row);
            }
            Map<String, long[]> collectors = new LinkedHashMap<>();
            ((Map<?, ?>) row.get("gcByCollector")).forEach((bean, figures) -> collectors.put((String) bean,
                    new long[] {number(figures, "count"), number(figures, "millis")}));
            return new SetupResult((String) row.get("setup"), number(row, "releases"), number(row, "latenessP50"),
                    number(row, "latenessP99"), number(row, "latenessP999"), number(row, "latenessMax"),
                    number(row, "deadlineMisses"), collectors, (String) row.get("notes"));
        }

        private static long number(Object map, String key) {
            Object value = ((Map<?, ?>) map).get(key);
            if (!(value instanceof Number)) {
                throw new IllegalStateException("isolation row without a number '" + key + "': " + map);
            }
            return ((Number) value).longValue();
        }
    }

    /** Every set-up's result, in the order of {@link #SETUPS}. */
    public record Result(Settings settings, List<SetupResult> setups) {
        SetupResult get(String name) {
            for (SetupResult s : setups) {
                if (s.setup().equals(name)) {
                    return s;
                }
            }
            return null;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("benchmark", "isolation");
            root.put("unit", "ns");
            root.put("periodNanos", PERIOD_NANOS);
            root.put("costNanos", COST_NANOS);
            root.put("seconds", settings.seconds());
            root.put("warmupSeconds", settings.warmupSeconds());
            root.put("rtType", settings.rtType());
            root.put("interferenceRate", settings.interferenceRate());
            root.put("interferenceCostNanos", settings.interferenceCostNanos());
            root.put("allocationMibPerSecond", settings.allocationMibPerSecond());
            root.put("collectors", GcSnapshot.collectorNames());
            root.put("jvmArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            SetupResult base = get(STPE);
            List<Object> rows = new ArrayList<>();
            for (SetupResult s : setups) {
                Map<String, Object> row = s.toJson();
                if (base != null) {
                    Map<String, Object> ratio = new LinkedHashMap<>();
                    ratio.put("p50", ratio(s.p50(), base.p50()));
                    ratio.put("p99", ratio(s.p99(), base.p99()));
                    ratio.put("p999", ratio(s.p999(), base.p999()));
                    ratio.put("max", ratio(s.max(), base.max()));
                    row.put("ratioToStpe", ratio);
                }
                rows.add(row);
            }
            root.put("setups", rows);
            return root;
        }

        public String toText() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "isolation: 1ms period, 50us cost, release lateness in us (x = ratio to stpe); collector %s%n",
                    String.join(" + ", GcSnapshot.collectorNames())));
            out.append(String.format(Locale.ROOT, "%-20s %8s %18s %18s %18s %18s %7s %6s%n", "setup", "releases",
                    "p50", "p99", "p99.9", "max", "misses", "GCs"));
            SetupResult base = get(STPE);
            for (SetupResult s : setups) {
                out.append(String.format(Locale.ROOT, "%-20s %8d %18s %18s %18s %18s %7d %6d%n", s.setup(),
                        s.releases(), cell(s.p50(), base.p50()), cell(s.p99(), base.p99()),
                        cell(s.p999(), base.p999()), cell(s.max(), base.max()), s.deadlineMisses(), s.gcCount()));
                out.append("  ").append(s.notes()).append('\n');
                StringBuilder gc = new StringBuilder();
                s.collectors().forEach((bean, figures) -> gc.append(gc.length() == 0 ? "" : ", ").append(bean)
                        .append(' ').append(figures[0]).append(" (").append(figures[1]).append(" ms)"));
                out.append("  GC: ").append(gc).append('\n');
            }
            return out.toString();
        }

        private static String cell(long nanos, long base) {
            return String.format(Locale.ROOT, "%.1f (%.3gx)", nanos / 1000.0, ratio(nanos, base));
        }
    }

    private IsolationBenchmark() {
    }

    static double ratio(long value, long base) {
        return base == 0 ? Double.NaN : (double) value / base;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Path.of("bench/target/results/isolation.json"));
        Result result = run(options.settings());
        System.out.print(result.toText());
        Json.write(options.out(), result.toJson());
        System.out.println("wrote " + options.out());
    }

    /**
     * This class's command line, which {@link IsolationForks} and {@link OwnJvmPartition} also give their child
     * JVMs: {@link #arguments(Settings)} writes it back.
     *
     * @param role {@code --role}, read only by {@link OwnJvmPartition}'s children (null when absent)
     */
    record Options(Settings settings, Path out, String role) {
        static Options parse(String[] args, Path defaultOut) {
            double seconds = 5;
            double warmup = 1;
            String rtType = "realtime";
            double interferenceRate = INTERFERENCE_RATE;
            double allocationRate = AllocationInterference.DEFAULT_MIB_PER_SECOND;
            Path out = defaultOut;
            String role = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds":
                        seconds = Double.parseDouble(args[++i]);
                        break;
                    case "--warmup":
                        warmup = Double.parseDouble(args[++i]);
                        break;
                    case "--rt-type":
                        rtType = args[++i];
                        break;
                    case "--interference-rate":
                        interferenceRate = Double.parseDouble(args[++i]);
                        break;
                    case "--allocation-rate":
                        allocationRate = Double.parseDouble(args[++i]);
                        break;
                    case "--out":
                        out = Path.of(args[++i]);
                        break;
                    case "--role":
                        role = args[++i];
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i] + " (options: --seconds S"
                                + " --warmup S --rt-type TYPE --interference-rate R --allocation-rate MIB --out FILE)");
                }
            }
            return new Options(new Settings(seconds, warmup, rtType, interferenceRate, INTERFERENCE_COST_NANOS,
                    allocationRate), out, role);
        }
    }

    /** The options that make a child JVM measure with {@code settings} (all but {@code --out} and {@code --role}). */
    static List<String> arguments(Settings settings) {
        return List.of("--seconds", Double.toString(settings.seconds()),
                "--warmup", Double.toString(settings.warmupSeconds()),
                "--rt-type", settings.rtType(),
                "--interference-rate", Double.toString(settings.interferenceRate()),
                "--allocation-rate", Double.toString(settings.allocationMibPerSecond()));
    }

    /** Runs the four set-ups, and the floor of the fourth, one after the other. */
    public static Result run(Settings settings) throws Exception {
        List<SetupResult> results = new ArrayList<>();
        results.add(runStpe(settings));
        results.add(runHypervisor(MONOLITHIC, monolithicYaml(settings), settings.allocationMibPerSecond()));
        results.add(runHypervisor(PARTITIONED, partitionedYaml(settings), settings.allocationMibPerSecond()));
        results.addAll(OwnJvmPartition.run(settings));
        return new Result(settings, results);
    }

    static String monolithicYaml(Settings s) {
        return header(s, MONOLITHIC)
                + "kernels:\n"
                + "  - {name: shared, type: general, cores: [0, 1], idle: busy-spin}\n"
                + workloads(s, "shared", "shared");
    }

    static String partitionedYaml(Settings s) {
        return header(s, PARTITIONED)
                + "kernels:\n"
                + rtKernel(s)
                + NOISY_KERNEL
                + "channels: {topology: explicit}\n"
                + workloads(s, "rt", "noisy");
    }

    /** {@link OwnJvmPartition}'s real-time JVM: the partitioned set-up's real-time kernel and periodic task alone. */
    static String ownJvmRealtimeYaml(Settings s) {
        return header(s, OWN_JVM + "-realtime")
                + "kernels:\n"
                + rtKernel(s)
                + "workload:\n"
                + control("rt");
    }

    /**
     * {@link OwnJvmPartition}'s other JVM: the partitioned set-up's {@code noisy} kernel and CPU interference alone,
     * for {@code seconds} (no warm-up: it only has to be running while the real-time JVM measures). Needs a
     * positive interference rate.
     */
    static String ownJvmNoiseYaml(Settings s, double seconds) {
        return header(seconds, 0, OWN_JVM + "-noise")
                + "kernels:\n"
                + NOISY_KERNEL
                + "workload:\n"
                + interference(s, "noisy");
    }

    private static String rtKernel(Settings s) {
        return "  - {name: rt, type: " + s.rtType() + ", cores: [1], idle: busy-spin}\n";
    }

    private static String header(Settings s, String name) {
        return header(s.seconds(), s.warmupSeconds(), name);
    }

    private static String header(double seconds, double warmupSeconds, String name) {
        // Both cores go to kernels: a 2-core machine has none left for the host (housekeeping: false).
        return "name: isolation-" + name + "\n"
                + "duration: " + millis(seconds) + "ms\n"
                + (warmupSeconds > 0 ? "warmup: " + millis(warmupSeconds) + "ms\n" : "")
                + "seed: " + SEED + "\n"
                + "host: {housekeeping: false, drainTimeout: 2s}\n";
    }

    private static String workloads(Settings s, String controlKernel, String noiseKernel) {
        return "workload:\n" + control(controlKernel) + (s.interferenceRate() > 0 ? interference(s, noiseKernel) : "");
    }

    private static String control(String kernel) {
        return "  - name: control\n"
                + "    periodic: {period: 1ms, deadline: 1ms}\n"
                + "    kernel: " + kernel + "\n"
                + "    cost: 50us\n";
    }

    private static String interference(Settings s, String kernel) {
        return "  - name: interference\n"
                + "    stream: {rate: " + Math.round(s.interferenceRate()) + "/s, arrival: poisson}\n"
                + "    kernel: " + kernel + "\n"
                + "    cost: " + s.interferenceCostNanos() + "ns\n";
    }

    private static long millis(double seconds) {
        return Math.max(1, Math.round(seconds * 1000));
    }

    /**
     * Runs {@code yaml} on the real {@link Hypervisor} beside an allocating thread pinned to core 0 ({@code
     * allocationMibPerSecond} 0: none) and returns its {@code control} workload's lateness.
     */
    static SetupResult runHypervisor(String name, String yaml, double allocationMibPerSecond) throws Exception {
        return runHypervisor(name, yaml, allocationMibPerSecond, RunListener.NONE);
    }

    /** {@link #runHypervisor(String, String, double)}, telling {@code listener} what the run does. */
    static SetupResult runHypervisor(String name, String yaml, double allocationMibPerSecond, RunListener listener)
            throws Exception {
        GcSnapshot gc = GcSnapshot.now();
        RunReport report;
        try (AllocationInterference alloc = AllocationInterference.start(0, allocationMibPerSecond)) {
            report = runScenario(name, yaml, listener);
        }
        GcSnapshot gcAfter = GcSnapshot.now();
        WorkloadReport control = null;
        for (WorkloadReport w : report.workloads()) {
            if (w.name().equals("control")) {
                control = w;
            }
        }
        if (control == null) {
            throw new IllegalStateException("the report of " + name + " has no 'control' workload");
        }
        StringBuilder notes = new StringBuilder();
        for (KernelReport k : report.kernels()) {
            notes.append(k.name()).append('(').append(k.type()).append(") cores ").append(k.cores())
                    .append(k.pinned() ? " pinned" : " NOT pinned " + k.grantedCores()).append("; ");
        }
        notes.append(allocationMibPerSecond > 0 ? "allocator pinned to core 0" : "no allocator in this JVM");
        if (report.failure() != null) {
            notes.append("; RUN FAILED: ").append(report.failure());
        }
        for (String warning : report.warnings()) {
            notes.append("; warning: ").append(warning);
        }
        LatencySummary l = control.latenessNanos();
        return new SetupResult(name, l.count(), l.p50(), l.p99(), l.p999(), l.max(), control.deadlineMisses(),
                gcAfter.since(gc), notes.toString());
    }

    /** An empty lateness histogram as every set-up records it: up to {@link #HIGHEST_TRACKABLE_NANOS}, 3 digits. */
    static Histogram newLatenessHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    }

    /** Parses {@code yaml}, plans it on this machine's cores and runs it on the real {@link Hypervisor}. */
    static RunReport runScenario(String name, String yaml, RunListener listener) {
        KernelTypes types = KernelTypes.load();
        Scenario scenario = new ScenarioParser(types).parse(yaml, Path.of("isolation-" + name + ".yaml"));
        PartitionPlan plan = PartitionPlanner.plan(scenario, CpuTopology.detect());
        return new Hypervisor(types, SystemNanoClock.INSTANCE).run(scenario, plan, listener);
    }

    private static SetupResult runStpe(Settings settings) throws Exception {
        long warmupNanos = (long) (settings.warmupSeconds() * 1e9);
        long totalNanos = warmupNanos + (long) (settings.seconds() * 1e9);
        PeriodicProbe probe = new PeriodicProbe(warmupNanos);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        GcSnapshot gc = GcSnapshot.now();
        try (CpuInterference cpu = settings.interferenceRate() > 0 ? CpuInterference.start(
                settings.interferenceRate(), settings.interferenceCostNanos(), SEED) : null;
                AllocationInterference alloc = AllocationInterference.start(-1,
                        settings.allocationMibPerSecond())) {
            // A first delay of ten periods leaves the owner ample time to publish t0 before the first run.
            ScheduledFuture<?> task = executor.scheduleAtFixedRate(probe, FIRST_DELAY_NANOS, PERIOD_NANOS,
                    TimeUnit.NANOSECONDS);
            probe.t0 = System.nanoTime() + task.getDelay(TimeUnit.NANOSECONDS);
            if (executor.awaitTermination(totalNanos, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("the executor ended early");
            }
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        GcSnapshot gcAfter = GcSnapshot.now();
        Histogram h = probe.recorder.getIntervalHistogram();
        return new SetupResult(STPE, h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), probe.misses, gcAfter.since(gc),
                "ScheduledThreadPoolExecutor(1), interference threads unpinned");
    }

    /**
     * The executor's periodic task: records its release lateness, spins its cost, counts a miss when it finishes
     * more than a period after its release. Runs on the executor's single thread (one writer for every field but
     * {@code t0}, which the owner writes right after scheduling, normally ten periods before the first run; the first
     * run waits for it otherwise).
     */
    private static final class PeriodicProbe implements Runnable {
        final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
        private final long warmupNanos;
        volatile long t0;
        long n;
        long misses;

        PeriodicProbe(long warmupNanos) {
            this.warmupNanos = warmupNanos;
        }

        @Override
        public void run() {
            // The owner publishes t0 right after scheduling, ten periods before the first run; on a loaded machine it
            // can be descheduled for longer than that, and a periodic task that threw would be cancelled for good
            // (no release recorded at all). So the first run waits for it: t0 is the executor's own trigger time
            // (now plus the delay the executor reports), so the lateness measured against it stays exact.
            while (t0 == 0) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            long release = t0 + n * PERIOD_NANOS;
            n++;
            while (System.nanoTime() - start < COST_NANOS) {
                Thread.onSpinWait();
            }
            long end = System.nanoTime();
            if (release - t0 < warmupNanos) {
                return;
            }
            recorder.recordValue(Math.min(Math.max(0, start - release), HIGHEST_TRACKABLE_NANOS));
            if (end - release > PERIOD_NANOS) {
                misses++;
            }
        }
    }

    /** Collections and their time so far, per collector bean. */
    static final class GcSnapshot {
        final Map<String, long[]> perBean;

        private GcSnapshot(Map<String, long[]> perBean) {
            this.perBean = perBean;
        }

        static GcSnapshot now() {
            Map<String, long[]> perBean = new LinkedHashMap<>();
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                perBean.put(bean.getName(), new long[] {Math.max(0, bean.getCollectionCount()),
                        Math.max(0, bean.getCollectionTime())});
            }
            return new GcSnapshot(perBean);
        }

        /** Per bean: what happened between {@code earlier} and this snapshot. */
        Map<String, long[]> since(GcSnapshot earlier) {
            Map<String, long[]> delta = new LinkedHashMap<>();
            perBean.forEach((bean, now) -> {
                long[] then = earlier.perBean.getOrDefault(bean, new long[2]);
                delta.put(bean, new long[] {now[0] - then[0], now[1] - then[1]});
            });
            return delta;
        }

        /** The JVM's collector beans, e.g. {@code G1 Young Generation} or {@code ZGC Pauses}. */
        static List<String> collectorNames() {
            List<String> names = new ArrayList<>();
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                names.add(bean.getName());
            }
            return names;
        }
    }
}
