package io.crosskernel.bench;

import io.crosskernel.bench.isolation.IsolationBenchmark;
import io.crosskernel.bench.isolation.IsolationForks;
import io.crosskernel.bench.plain.CrossProcessRoundTrip;
import io.crosskernel.bench.plain.PlainRoundTrip;
import io.crosskernel.bench.roundtrip.RoundTripLatency;
import io.crosskernel.bench.roundtrip.Transports;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One command for the whole suite, each part with its baselines in the same run: the JMH round trip and one-way
 * throughput (with the GC profiler) in rounds ({@link JmhRounds}), the round trip back to back and paced
 * (HdrHistogram, all transports in one JVM in round-robin segments), the journal's cost (JMH, bracketed), and isolation under each collector in a JVM of its own
 * ({@link IsolationForks}); then the targets
 * checked against those figures ({@link Targets}). Results go to one directory as JSON.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.crosskernel.bench.Bench [smoke|quick|full] [--out DIR]
 * [--rt-type TYPE] [--collectors g1,zgc] [--isolation-jdk DIR]} (defaults: {@code quick},
 * {@code bench/target/results}, {@code realtime}, {@code g1,zgc}, this JVM's JDK); {@code ./xk bench …} runs the same with the right JVM flags. Writes
 * {@code roundtrip-jmh.json}, {@code roundtrip-b2b.json}, {@code roundtrip-hdr.json}, {@code roundtrip-plain.json},
 * {@code throughput-jmh.json}, {@code journal-jmh.json},
 * {@code isolation.json}
 * (with one {@code isolation-<collector>.json} per collector) and {@code summary.json} (all of them, the targets,
 * machine and JVM).
 *
 * <p>Threading: a command-line tool; {@link #run} blocks its caller for the length of the profile.
 */
public final class Bench {
    public static final String SUMMARY = "summary.json";
    static final String USAGE = "usage: Bench [smoke|quick|full] [--out DIR] [--rt-type TYPE] [--collectors g1,zgc]"
            + " [--isolation-jdk DIR]\n"
            + "  smoke  seconds: checks that every part runs (what the test suite runs)\n"
            + "  quick  under 5 minutes on 2 cores (default)\n"
            + "  full   about 40 minutes: five rounds, 30 s paced runs and isolation set-ups\n"
            + "  --out DIR          where the JSON files go (default bench/target/results)\n"
            + "  --rt-type TYPE     kernel type of the isolation benchmark's partitioned real-time kernel"
            + " (default realtime)\n"
            + "  --collectors LIST  collectors to run the isolation benchmark under, one JVM each (default g1,zgc)\n"
            + "  --isolation-jdk D  the JDK (home directory) whose java runs the isolation JVMs (default this one)";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.QUICK;
        Path out = Path.of("bench/target/results");
        String rtType = "realtime";
        List<IsolationForks.Collector> collectors = List.of(IsolationForks.Collector.values());
        Path isolationJdk = Path.of(System.getProperty("java.home"));
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help":
                    case "-h":
                        System.out.println(USAGE);
                        return;
                    case "--out":
                        out = Path.of(value(args, ++i, "--out"));
                        break;
                    case "--rt-type":
                        rtType = value(args, ++i, "--rt-type");
                        break;
                    case "--collectors":
                        collectors = IsolationForks.Collector.parse(value(args, ++i, "--collectors"));
                        break;
                    case "--isolation-jdk":
                        isolationJdk = Path.of(value(args, ++i, "--isolation-jdk"));
                        if (!Files.isExecutable(isolationJdk.resolve("bin").resolve("java"))) {
                            throw new IllegalArgumentException("--isolation-jdk " + isolationJdk + " has no bin/java"
                                    + " (give a JDK's home directory, e.g. /usr/lib/jvm/temurin-25-jdk-amd64)");
                        }
                        break;
                    default:
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        profile = Profile.named(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        run(profile, out, rtType, collectors, isolationJdk);
    }

    /** One run of the interleaved round-trip harness ({@link RoundTripLatency}), printed and written to {@code file}. */
    private static Map<String, Object> interleaved(String label, double secondsPerTransport, long intervalNanos,
            Profile profile, Path file) throws Exception {
        System.out.println("== round trip (" + label + ", " + profile.hdrRounds() + " round-robin segments)");
        RoundTripLatency.Result result = RoundTripLatency.run(new RoundTripLatency.Settings(secondsPerTransport,
                intervalNanos, profile.hdrRounds(), Transports.ALL));
        System.out.print(result.toText());
        Map<String, Object> json = result.toJson();
        Json.write(file, json);
        return json;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * Runs every benchmark of the suite with {@code profile}'s budget and writes the JSON files to {@code out}.
     *
     * @return the summary as written to {@value #SUMMARY}
     */
    public static Map<String, Object> run(Profile profile, Path out, String rtType,
            List<IsolationForks.Collector> collectors, Path isolationJdk) throws Exception {
        long start = System.nanoTime();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("profile", profile.name());
        summary.put("environment", environment());

        System.out.println("== round trip (JMH, " + profile.rounds() + " rounds, each transport between two runs of the"
                + " floor, a fork each)");
        Map<String, Object> rtJmh = RoundTripJmh.run(profile);
        Json.write(out.resolve("roundtrip-jmh.json"), rtJmh);
        summary.put("roundtripJmh", rtJmh);

        Map<String, Object> b2bJson = interleaved("back to back, all transports in one JVM",
                profile.backToBackSecondsPerTransport(), 0, profile, out.resolve("roundtrip-b2b.json"));
        summary.put("roundtripBackToBack", b2bJson);
        Map<String, Object> hdrJson = interleaved("paced every 20 us, HdrHistogram", profile.hdrSecondsPerTransport(),
                20_000, profile, out.resolve("roundtrip-hdr.json"));
        summary.put("roundtripHdr", hdrJson);

        System.out.println("== round trip (plain two threads, issue 16: every transport in one JVM, in rounds)");
        PlainRoundTrip.Result plainResult = PlainRoundTrip.run(profile.plain());
        System.out.print(plainResult.toText());
        Map<String, Object> plain = plainResult.toJson();
        Json.write(out.resolve("roundtrip-plain.json"), plain);
        summary.put("roundtripPlain", plain);

        System.out.println("== round trip across processes (issue 12: the channel's rings in /dev/shm, the echoer in a"
                + " JVM of its own, against the in-process channel in the same rounds)");
        CrossProcessRoundTrip.Result crossResult = CrossProcessRoundTrip.run(profile.plain());
        System.out.print(crossResult.toText());
        Map<String, Object> cross = crossResult.toJson();
        Json.write(out.resolve("roundtrip-cross-process.json"), cross);
        summary.put("roundtripCrossProcess", cross);

        System.out.println("== one-way throughput (JMH -prof gc, " + profile.rounds() + " rounds)");
        Map<String, Object> tp = ThroughputJmh.run(profile);
        Json.write(out.resolve("throughput-jmh.json"), tp);
        summary.put("throughputJmh", tp);

        System.out.println("== journal (JMH, " + profile.rounds() + " rounds)");
        Map<String, Object> journal = JournalJmh.run(profile, profile == Profile.FULL
                ? List.of("none", "digest", "full") : List.of("digest"));
        Json.write(out.resolve("journal-jmh.json"), journal);
        summary.put("journalJmh", journal);

        System.out.println("== isolation (one JVM per collector)");
        List<Map<String, Object>> iso = IsolationForks.run(IsolationBenchmark.Settings.of(
                profile.isolationSeconds(), profile.isolationWarmup(), rtType), collectors, isolationJdk, out);
        Map<String, Object> isoJson = new LinkedHashMap<>();
        isoJson.put("benchmark", "isolation");
        isoJson.put("byCollector", iso);
        Json.write(out.resolve("isolation.json"), isoJson);
        summary.put("isolation", isoJson);

        List<Targets.Check> checks = Targets.evaluate(rtJmh, b2bJson, hdrJson, tp, iso);
        checks.add(Targets.plain(plainResult));
        checks.add(Targets.crossProcess(crossResult));
        System.out.print(Targets.text(checks));
        List<Object> targets = new ArrayList<>();
        checks.forEach(c -> targets.add(c.toJson()));
        summary.put("targets", targets);
        summary.put("seconds", (System.nanoTime() - start) / 1e9);

        Json.write(out.resolve(SUMMARY), summary);
        System.out.printf(Locale.ROOT, "wrote %s (%.0f s)%n", out.toAbsolutePath().resolve(SUMMARY),
                (System.nanoTime() - start) / 1e9);
        return summary;
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
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
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
