package io.crosskernel.bench;

import io.crosskernel.bench.isolation.IsolationBenchmark;
import io.crosskernel.bench.roundtrip.RoundTripBenchmark;
import io.crosskernel.bench.roundtrip.RoundTripLatency;
import io.crosskernel.bench.roundtrip.Transports;
import io.crosskernel.bench.throughput.ThroughputBenchmark;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * One command for the whole suite: JMH round trip, paced HdrHistogram round trip, JMH one-way throughput with the GC
 * profiler, and isolation, each with its baselines in the same run, written as JSON files to one directory.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.crosskernel.bench.Bench [smoke|quick|full] [--out DIR]
 * [--rt-type TYPE]} (defaults: {@code quick}, {@code bench/target/results}, {@code general}). Writes
 * {@code roundtrip-jmh.json}, {@code roundtrip-hdr.json}, {@code throughput-jmh.json}, {@code isolation.json} and
 * {@code summary.json} (all of them in one file, plus machine and JVM).
 *
 * <p>Threading: a command-line tool; {@link #run} blocks its caller for the length of the profile.
 */
public final class Bench {
    public static final String SUMMARY = "summary.json";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.QUICK;
        Path out = Path.of("bench/target/results");
        String rtType = "general";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--rt-type":
                    rtType = args[++i];
                    break;
                default:
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + " (usage: Bench [smoke|quick|full] [--out DIR] [--rt-type TYPE])");
                    }
                    profile = Profile.named(args[i]);
            }
        }
        run(profile, out, rtType);
    }

    /**
     * Runs every benchmark of the suite with {@code profile}'s budget and writes the JSON files to {@code out}.
     *
     * @return the summary as written to {@value #SUMMARY}
     */
    public static Map<String, Object> run(Profile profile, Path out, String rtType) throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("profile", profile.name());
        summary.put("environment", environment());

        System.out.println("== round trip (JMH, one fork per transport)");
        Map<String, Object> rtJmh = roundTripJmh(profile);
        Json.write(out.resolve("roundtrip-jmh.json"), rtJmh);
        summary.put("roundtripJmh", rtJmh);

        System.out.println("== round trip (paced, HdrHistogram)");
        RoundTripLatency.Result hdr = RoundTripLatency.run(new RoundTripLatency.Settings(
                profile.hdrSecondsPerTransport(), 20_000, profile.hdrRounds(), Transports.ALL));
        System.out.print(hdr.toText());
        Json.write(out.resolve("roundtrip-hdr.json"), hdr.toJson());
        summary.put("roundtripHdr", hdr.toJson());

        System.out.println("== one-way throughput (JMH, -prof gc)");
        Map<String, Object> tp = throughputJmh(profile);
        Json.write(out.resolve("throughput-jmh.json"), tp);
        summary.put("throughputJmh", tp);

        System.out.println("== isolation");
        IsolationBenchmark.Result iso = IsolationBenchmark.run(IsolationBenchmark.Settings.of(
                profile.isolationSeconds(), profile.isolationWarmup(), rtType));
        System.out.print(iso.toText());
        Json.write(out.resolve("isolation.json"), iso.toJson());
        summary.put("isolation", iso.toJson());

        Json.write(out.resolve(SUMMARY), summary);
        System.out.println("wrote " + out.toAbsolutePath().resolve(SUMMARY));
        return summary;
    }

    private static ChainedOptionsBuilder jmh(Profile profile) {
        return new OptionsBuilder()
                .forks(profile.jmhForks())
                .warmupIterations(profile.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(profile.jmhIterationMillis()))
                .measurementIterations(profile.jmhIterations())
                .measurementTime(TimeValue.milliseconds(profile.jmhIterationMillis()))
                .shouldFailOnError(true);
    }

    static Map<String, Object> roundTripJmh(Profile profile) throws Exception {
        Collection<RunResult> results = new Runner(jmh(profile)
                .include(RoundTripBenchmark.class.getName() + "\\.").build()).run();
        Map<String, Statistics> byTransport = new LinkedHashMap<>();
        for (RunResult r : results) {
            byTransport.put(r.getParams().getParam("transport"), r.getPrimaryResult().getStatistics());
        }
        Statistics floor = byTransport.get(Transports.VOLATILE);
        Statistics jctools = byTransport.get(Transports.JCTOOLS);
        List<Object> rows = new ArrayList<>();
        for (String transport : Transports.ALL) {
            Statistics s = byTransport.get(transport);
            if (s == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transport", transport);
            row.put("samples", s.getN());
            row.put("mean", s.getMean());
            row.put("p50", s.getPercentile(50));
            row.put("p99", s.getPercentile(99));
            row.put("p999", s.getPercentile(99.9));
            row.put("max", s.getMax());
            row.put("ratioToVolatile", ratios(s, floor));
            row.put("ratioToJctools", ratios(s, jctools));
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "roundtrip-jmh");
        root.put("unit", "ns");
        root.put("mode", "SampleTime");
        root.put("transports", rows);
        printTable("round trip (JMH SampleTime, ns)", rows);
        return root;
    }

    private static Map<String, Object> ratios(Statistics s, Statistics base) {
        Map<String, Object> ratio = new LinkedHashMap<>();
        if (base != null) {
            ratio.put("mean", s.getMean() / base.getMean());
            ratio.put("p50", s.getPercentile(50) / base.getPercentile(50));
            ratio.put("p99", s.getPercentile(99) / base.getPercentile(99));
        }
        return ratio;
    }

    static Map<String, Object> throughputJmh(Profile profile) throws Exception {
        Collection<RunResult> results = new Runner(jmh(profile)
                .include(ThroughputBenchmark.class.getName() + "\\.")
                .addProfiler(GCProfiler.class).build()).run();
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            String transport = r.getParams().getParam("transport");
            String burst = r.getParams().getParam("burst");
            Map<String, Result> secondary = r.getSecondaryResults();
            double messages = score(secondary.get("messages"));
            double allocMbPerSec = score(secondary.get("gc.alloc.rate"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transport", transport);
            row.put("burst", Integer.parseInt(burst));
            row.put("messagesPerSecond", messages);
            // JMH reports gc.alloc.rate in MB/sec with MB = 2^20 bytes.
            row.put("bytesPerMessage", messages > 0 ? allocMbPerSec * 1024 * 1024 / messages : Double.NaN);
            row.put("gcAllocRateNorm", score(secondary.get("gc.alloc.rate.norm")));
            rows.put(transport + "/" + burst, row);
        }
        List<Object> list = new ArrayList<>();
        for (Map<String, Object> row : rows.values()) {
            Map<String, Object> base = rows.get(ThroughputBenchmark.JCTOOLS + "/" + row.get("burst"));
            if (base != null) {
                row.put("ratioToJctools", (double) row.get("messagesPerSecond")
                        / (double) base.get("messagesPerSecond"));
            }
            list.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "throughput-jmh");
        root.put("unit", "messages/s");
        root.put("rows", list);
        printTable("one-way throughput (messages/s)", list);
        return root;
    }

    private static double score(Result result) {
        return result == null ? Double.NaN : result.getScore();
    }

    private static void printTable(String title, List<Object> rows) {
        System.out.println(title);
        for (Object row : rows) {
            System.out.println("  " + row);
        }
    }

    /** Machine, JVM and pinning: what a reader needs to judge the numbers. */
    static Map<String, Object> environment() throws InterruptedException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        env.put("cpuModel", cpuModel());
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("jvmArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        env.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        env.put("pinCpu0", probePin(BenchFlags.MEASURE_CPU));
        env.put("pinCpu1", probePin(BenchFlags.ECHO_CPU));
        return env;
    }

    private static String probePin(int cpu) throws InterruptedException {
        AtomicReference<String> detail = new AtomicReference<>();
        Thread probe = new Thread(() -> {
            ThreadPinner.warmUp();
            detail.set(ThreadPinner.pinCurrentThread(cpu).detail());
        }, "pin-probe-" + cpu);
        probe.start();
        probe.join();
        return detail.get();
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
