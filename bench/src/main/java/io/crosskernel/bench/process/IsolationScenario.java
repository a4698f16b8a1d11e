package io.crosskernel.bench.process;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.process.ChildJvmCommand;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Issue 12's isolation benchmark as a scenario run: {@code examples/isolated.yaml} (a 1 ms control loop on a realtime
 * kernel beside a general kernel that allocates about 200 MiB/s and takes bursts), once with the realtime kernel in a
 * process of its own and once with it in a thread of the host's JVM, alternating in the same invocation, so the two
 * see the same machine, and, as the floor, the same loop with no runtime at all ({@link ReleaseFloor}) in a JVM of
 * its own beside the neighbour alone. The figures: the control workload's release lateness p99 (and p50, its misses)
 * in each mode and the floor's, the ratio thread over process per round and as a median, and process over floor.
 *
 * <p>Usage: {@code java <the run JVM's flags> @jvm-openings.args -cp bench/target/benchmarks.jar
 * io.crosskernel.bench.process.IsolationScenario [--rounds N] [--duration 5s] [--file examples/isolated.yaml]}
 * (defaults 2, the file's own duration, that file). The host's JVM flags are the launcher's ({@code ./xk run}'s, see
 * docs/BENCHMARKS.md): they decide how often the neighbour's garbage stops the host's JVM. Exit 0, or 1 when a run
 * failed or did not balance.
 *
 * <p>Threading: the main thread runs each scenario.
 */
public final class IsolationScenario {
    /** The figures of one run. */
    record Figures(long latenessP50, long latenessP99, long misses, long completed) {
    }

    private IsolationScenario() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 2;
        String duration = null;
        Path file = Path.of("examples/isolated.yaml");
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                usage();
            }
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--duration" -> duration = args[++i];
                case "--file" -> file = Path.of(args[++i]);
                default -> usage();
            }
        }
        String process = Files.readString(file);
        if (!process.contains("    isolation: process\n")) {
            System.err.println("IsolationScenario: " + file + " has no kernel with 'isolation: process'");
            System.exit(2);
        }
        if (duration != null) {
            process = process.replaceFirst("(?m)^duration: .*$", "duration: " + duration);
        }
        // The same scenario with the realtime kernel in the host's JVM: no process, so no JVM settings of its own.
        String thread = process.replace("    isolation: process\n", "    isolation: thread\n")
                .replaceAll("(?m)^    jvm: \\{.*}\\n", "");
        KernelTypes types = KernelTypes.load();
        System.out.println("isolation scenario (" + file + "): control lateness with an allocating neighbour, the"
                + " realtime kernel in a thread of the host's JVM vs in a JVM of its own");
        System.out.println(String.format(Locale.ROOT, "%-6s %-8s %12s %12s %8s %10s", "round", "mode",
                "late p50 us", "late p99 us", "misses", "completed"));
        List<Double> ratios = new ArrayList<>();
        String neighbour = neighbourOnly(thread);
        double seconds = new ScenarioParser(types).parse(thread, Path.of("isolated.yaml")).durationNanos() / 1e9;
        for (int r = 1; r <= rounds; r++) {
            Figures inThread = run(types, thread, "thread", r);
            Figures inProcess = run(types, process, "process", r);
            long floorP99 = floor(types, neighbour, seconds, r);
            double ratio = (double) inThread.latenessP99() / Math.max(1, inProcess.latenessP99());
            ratios.add(ratio);
            System.out.println(String.format(Locale.ROOT, "round %d: lateness p99 thread/process %.1fx, process/floor"
                    + " %.1fx", r, ratio, (double) inProcess.latenessP99() / Math.max(1, floorP99)));
        }
        ratios.sort(null);
        int n = ratios.size();
        double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
        System.out.println(String.format(Locale.ROOT, "lateness p99, thread/process: %.1fx to %.1fx, median %.1fx"
                + " over %d rounds", ratios.get(0), ratios.get(n - 1), median, rounds));
    }

    private static Figures run(KernelTypes types, String yaml, String mode, int round) {
        Scenario scenario = new ScenarioParser(types).parse(yaml, Path.of("isolated-" + mode + ".yaml"));
        RunReport report = new Hypervisor(types, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
        if (report.failure() != null || !report.accounting().balanced()) {
            System.err.println("IsolationScenario: the " + mode + " run failed: " + report.failure() + " "
                    + report.accounting().problems());
            System.exit(1);
        }
        WorkloadReport control = report.workloads().stream().filter(w -> w.name().equals("control")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the scenario has no workload 'control'"));
        LatencySummary lateness = control.latenessNanos();
        Figures figures = new Figures(lateness.p50(), lateness.p99(), control.deadlineMisses(), control.completed());
        System.out.println(String.format(Locale.ROOT, "%-6d %-8s %12.1f %12.1f %8d %10d", round, mode,
                figures.latenessP50() / 1e3, figures.latenessP99() / 1e3, figures.misses(), figures.completed()));
        return figures;
    }

    /**
     * The scenario without its realtime kernel and the workloads that start there: the neighbour alone, in the host's
     * JVM, for the floor. Relies on the example's layout: {@code rt} is the first kernel, {@code control} and
     * {@code telemetry} the first two workloads, and telemetry's hand-over to gp goes with it.
     */
    static String neighbourOnly(String thread) {
        String withoutKernel = thread.replaceFirst("(?s)  - name: rt\n.*?(?=  - name: gp\n)", "");
        String withoutLoops = withoutKernel.replaceFirst("(?s)  - name: control\n.*?(?=  - name: garbage\n)", "");
        if (withoutLoops.contains("name: rt\n") || withoutLoops.contains("name: control\n")
                || !withoutLoops.contains("name: garbage\n")) {
            throw new IllegalArgumentException("the scenario is not laid out as examples/isolated.yaml: rt first,"
                    + " then gp; control and telemetry first, then garbage");
        }
        return withoutLoops.replaceAll("(?m)^  - \"(control|telemetry)\\..*\n", "");
    }

    /**
     * The floor: {@link ReleaseFloor} in a JVM of its own (core 1) while the neighbour alone runs in this one.
     *
     * @return its lateness p99, ns
     */
    private static long floor(KernelTypes types, String neighbour, double seconds, int round) throws Exception {
        List<String> command = ChildJvmCommand.of(List.of(), ReleaseFloor.class.getName(),
                List.of("1", String.valueOf(seconds)));
        // As the host does for a realtime kernel in a process: this JVM's threads (the neighbour's collector
        // included) stay off the loop's core while it runs; they get every core back afterwards.
        List<Integer> allowed = CpuTopology.detect().allowedCpus();
        JvmThreadConfiner.confineUnpinnedThreads(allowed, List.of(0));
        Process loop = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Scenario scenario = new ScenarioParser(types).parse(neighbour, Path.of("isolated-neighbour.yaml"));
            new Hypervisor(types, SystemNanoClock.INSTANCE).run(scenario,
                    PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
            String line = new String(loop.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .trim();
            if (!loop.waitFor(60, TimeUnit.SECONDS) || !line.startsWith("floor ")) {
                throw new IllegalStateException("the floor loop did not report: '" + line + "'");
            }
            String[] figures = line.split(" ");
            long p50 = Long.parseLong(figures[1]);
            long p99 = Long.parseLong(figures[2]);
            System.out.println(String.format(Locale.ROOT, "%-6d %-8s %12.1f %12.1f %8s %10s", round, "floor",
                    p50 / 1e3, p99 / 1e3, "-", figures[3]));
            return p99;
        } finally {
            loop.destroyForcibly().waitFor();
            // The threads confined above now have core 0 as theirs: those are the ones to give every core back.
            JvmThreadConfiner.confineUnpinnedThreads(List.of(0), allowed);
        }
    }

    private static void usage() {
        System.err.println("usage: IsolationScenario [--rounds N] [--duration 5s] [--file examples/isolated.yaml]");
        System.exit(2);
    }
}
