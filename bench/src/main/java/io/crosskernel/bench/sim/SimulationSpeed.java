package io.crosskernel.bench.sim;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sim.Calibration;
import io.crosskernel.hypervisor.sim.SimFaults;
import io.crosskernel.hypervisor.sim.SimulationSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How fast the simulation runs (docs/BENCHMARKS.md, "Simulation speed"): a scenario simulated for three virtual
 * durations, each several times; per size the median wall time and host-thread CPU time, channel messages and engine
 * events (duty cycles) per wall second, and nanoseconds of CPU per event, which stays flat when the cost grows
 * linearly in events.
 *
 * <pre>
 * java @jvm-openings.args -cp bench/target/benchmarks.jar io.crosskernel.bench.sim.SimulationSpeed \
 *     [--scenario examples/quickstart.yaml] [--sizes 2s,8s,32s] [--rounds 5]
 * </pre>
 *
 * Runs on the calling thread; the first round of each size also warms the JIT and is not counted.
 */
public final class SimulationSpeed {
    private SimulationSpeed() {
    }

    public static void main(String[] args) {
        Path scenarioFile = Path.of("examples/quickstart.yaml");
        List<String> sizes = List.of("2s", "8s", "32s");
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarioFile = Path.of(args[++i]);
                case "--sizes" -> sizes = Arrays.asList(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + ": use --scenario FILE, --sizes 2s,8s,32s, --rounds N");
            }
        }
        KernelTypes types = KernelTypes.load();
        Scenario base = new ScenarioParser(types).parse(scenarioFile);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-8s %10s %10s %12s %12s %14s %14s %10s%n", "virtual", "wall ms", "cpu ms",
                "messages", "events", "msgs/wall s", "events/wall s", "ns/event");
        for (String size : sizes) {
            Scenario scenario = base.withDuration(Units.parseDurationNanos(size) - base.warmupNanos());
            long[] wall = new long[rounds];
            long[] cpu = new long[rounds];
            long messages = 0;
            long events = 0;
            for (int r = -1; r < rounds; r++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                RunReport report = Hypervisor.simulated(types, new SimulationSettings(scenario.seed(),
                        Calibration.defaults(), null, SimFaults.NONE), null).run(scenario,
                        PartitionPlanner.planSimulated(scenario), RunListener.NONE);
                if (r >= 0) {
                    wall[r] = System.nanoTime() - wallStart;
                    cpu[r] = threads.getCurrentThreadCpuTime() - cpuStart;
                }
                messages = report.channels().stream().mapToLong(ChannelReport::delivered).sum();
                events = report.simulation().events();
            }
            long wallMedian = median(wall);
            long cpuMedian = median(cpu);
            System.out.printf(Locale.ROOT, "%-8s %10.1f %10.1f %12d %12d %14.0f %14.0f %10.1f%n", size,
                    wallMedian / 1e6, cpuMedian / 1e6, messages, events, messages * 1e9 / wallMedian,
                    events * 1e9 / wallMedian, (double) cpuMedian / Math.max(1, events));
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
