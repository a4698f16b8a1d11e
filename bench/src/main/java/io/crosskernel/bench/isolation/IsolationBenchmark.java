package io.crosskernel.bench.isolation;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.bench.Json;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
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
 * Isolation: a 1 ms periodic task costing 50 µs, under CPU-heavy and allocation-heavy interference, in three set-ups
 * measured one after the other in one JVM:
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
 * </ol>
 * The CPU interference is the same in all three: {@code interferenceRate} tasks/s of {@code interferenceCost} each
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
 * <p>The three set-ups share this JVM and so its collector: whatever stop-the-world pauses the allocating thread
 * causes stop every set-up's periodic task, pinned or not. {@link IsolationForks} runs this class once per collector
 * (G1, ZGC) to show that part of the figure separately. The collectors seen, with their collection counts and times,
 * are part of the result.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.crosskernel.bench.isolation.IsolationBenchmark [--seconds S]
 * [--warmup S] [--rt-type TYPE] [--interference-rate R] [--allocation-rate MIB] [--out FILE]};
 * {@code --interference-rate 0} runs without the CPU interference, {@code --allocation-rate 0} without the allocating
 * thread (MiB/s, default {@value AllocationInterference#DEFAULT_MIB_PER_SECOND}).
 *
 * <p>Threading: {@link #run} blocks the calling thread for about three times {@code seconds + warmup}.
 */
public final class IsolationBenchmark {
    public static final String STPE = "stpe";
    public static final String MONOLITHIC = "monolithic";
    public static final String PARTITIONED = "partitioned";
    public static final List<String> SETUPS = List.of(STPE, MONOLITHIC, PARTITIONED);

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long COST_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
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
    }

    /** The three set-ups. */
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
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("setup", s.setup());
                row.put("releases", s.releases());
                row.put("latenessP50", s.p50());
                row.put("latenessP99", s.p99());
                row.put("latenessP999", s.p999());
                row.put("latenessMax", s.max());
                row.put("deadlineMisses", s.deadlineMisses());
                row.put("gcCount", s.gcCount());
                row.put("gcMillis", s.gcMillis());
                Map<String, Object> perCollector = new LinkedHashMap<>();
                s.collectors().forEach((bean, figures) -> perCollector.put(bean,
                        Map.of("count", figures[0], "millis", figures[1])));
                row.put("gcByCollector", perCollector);
                row.put("notes", s.notes());
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
            out.append(String.format(Locale.ROOT, "%-12s %8s %18s %18s %18s %18s %7s %6s%n", "setup", "releases",
                    "p50", "p99", "p99.9", "max", "misses", "GCs"));
            SetupResult base = get(STPE);
            for (SetupResult s : setups) {
                out.append(String.format(Locale.ROOT, "%-12s %8d %18s %18s %18s %18s %7d %6d%n", s.setup(),
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
        double seconds = 5;
        double warmup = 1;
        String rtType = "realtime";
        double interferenceRate = INTERFERENCE_RATE;
        double allocationRate = AllocationInterference.DEFAULT_MIB_PER_SECOND;
        Path out = Path.of("bench/target/results/isolation.json");
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
                default:
                    throw new IllegalArgumentException("unknown option " + args[i] + " (options: --seconds S"
                            + " --warmup S --rt-type TYPE --interference-rate R --allocation-rate MIB --out FILE)");
            }
        }
        Result result = run(new Settings(seconds, warmup, rtType, interferenceRate, INTERFERENCE_COST_NANOS,
                allocationRate));
        System.out.print(result.toText());
        Json.write(out, result.toJson());
        System.out.println("wrote " + out);
    }

    /** Runs the three set-ups one after the other. */
    public static Result run(Settings settings) throws Exception {
        List<SetupResult> results = new ArrayList<>();
        results.add(runStpe(settings));
        results.add(runHypervisor(settings, MONOLITHIC, monolithicYaml(settings)));
        results.add(runHypervisor(settings, PARTITIONED, partitionedYaml(settings)));
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
                + "  - {name: rt, type: " + s.rtType() + ", cores: [1], idle: busy-spin}\n"
                + "  - {name: noisy, type: general, cores: [0], idle: backoff}\n"
                + "channels: {topology: explicit}\n"
                + workloads(s, "rt", "noisy");
    }

    private static String header(Settings s, String name) {
        // Both cores go to kernels: a 2-core machine has none left for the host (housekeeping: false).
        return "name: isolation-" + name + "\n"
                + "duration: " + millis(s.seconds()) + "ms\n"
                + "warmup: " + millis(s.warmupSeconds()) + "ms\n"
                + "seed: " + SEED + "\n"
                + "host: {housekeeping: false, drainTimeout: 2s}\n";
    }

    private static String workloads(Settings s, String controlKernel, String noiseKernel) {
        String control = "workload:\n"
                + "  - name: control\n"
                + "    periodic: {period: 1ms, deadline: 1ms}\n"
                + "    kernel: " + controlKernel + "\n"
                + "    cost: 50us\n";
        if (s.interferenceRate() <= 0) {
            return control;
        }
        return control
                + "  - name: interference\n"
                + "    stream: {rate: " + Math.round(s.interferenceRate()) + "/s, arrival: poisson}\n"
                + "    kernel: " + noiseKernel + "\n"
                + "    cost: " + s.interferenceCostNanos() + "ns\n";
    }

    private static long millis(double seconds) {
        return Math.max(1, Math.round(seconds * 1000));
    }

    private static SetupResult runHypervisor(Settings settings, String name, String yaml) throws Exception {
        KernelTypes types = KernelTypes.load();
        Scenario scenario = new ScenarioParser(types).parse(yaml, Path.of("isolation-" + name + ".yaml"));
        PartitionPlan plan = PartitionPlanner.plan(scenario, CpuTopology.detect());
        GcSnapshot gc = GcSnapshot.now();
        RunReport report;
        try (AllocationInterference alloc = AllocationInterference.start(0, settings.allocationMibPerSecond())) {
            report = new Hypervisor(types, SystemNanoClock.INSTANCE).run(scenario, plan, RunListener.NONE);
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
        notes.append("allocator pinned to core 0");
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
     * {@code t0}, which the owner writes right after scheduling, ten periods before the first run).
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
            long start = System.nanoTime();
            if (t0 == 0) {
                throw new IllegalStateException("the executor ran the task before its first release was known");
            }
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
    private static final class GcSnapshot {
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
