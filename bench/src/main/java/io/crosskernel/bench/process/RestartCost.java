package io.crosskernel.bench.process;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.process.ChildJvmCommand;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 12's cost of a restart: in a run whose middle kernel runs in a process of its own with
 * {@code onKernelFailure: restart}, the time from a {@code kill -9} of that process to the first task its replacement
 * completes, split into the host's detection and the replacement's way to its first task, as the run's report gives
 * them (each failure's {@code detectedAfterNanos} and {@code firstTaskAfterRestartNanos}) plus the time from the
 * kill to the host's failure event. Its baseline, measured in the same rounds: a bare child JVM of the same command
 * line started and ended (a class that exits at once), the floor of any restart that starts a new JVM.
 *
 * <p>Usage: {@code java @jvm-openings.args -cp bench/target/benchmarks.jar io.crosskernel.bench.process.RestartCost
 * [--rounds N]} (default 3). Each round is a run of its own (ingest in a thread, middle in a process, 1k orders a
 * second through both), killed once after its kernel process completed tasks. Prints one line per round and the
 * medians; exit 0, or 1 when a run did not restart its kernel.
 *
 * <p>Threading: the main thread runs and kills; each run's host is a thread of a common pool.
 */
public final class RestartCost {
    private static final String SCENARIO = "name: restart-cost\nduration: 4s\nwarmup: 500ms\nseed: 12\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 30s,"
            + " onKernelFailure: {policy: restart, attempts: 1, backoff: 10ms}}\n"
            + "kernels:\n"
            + "  - {name: ingest, type: general, cores: [0]}\n"
            + "  - {name: middle, type: general, cores: [1], isolation: process}\n"
            + "channels: {capacity: 1024, backpressure: retry}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 1k/s}\n"
            + "    stages:\n"
            + "      - {kernel: ingest, cost: 1us}\n"
            + "      - {kernel: middle, cost: 20us}\n"
            + "      - {kernel: ingest, cost: 1us}\n";

    /** One round, in nanoseconds. */
    record Round(long killToEvent, long detectedAfter, long firstTaskAfterDetection, long bareJvm) {
        long killToFirstTask() {
            return killToEvent + firstTaskAfterDetection;
        }
    }

    private RestartCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: RestartCost [--rounds N]");
                System.exit(2);
            }
        }
        KernelTypes types = KernelTypes.load();
        List<Round> results = new ArrayList<>();
        System.out.println("restart cost: kill -9 of a kernel process to its replacement's first task (ms)");
        System.out.println(String.format(Locale.ROOT, "%-6s %14s %14s %18s %14s %14s %8s", "round", "kill->event",
                "detected after", "event->first task", "kill->task", "bare JVM", "ratio"));
        for (int r = 0; r < rounds; r++) {
            Round round = round(types);
            if (round == null) {
                System.exit(1);
            }
            results.add(round);
            System.out.println(String.format(Locale.ROOT, "%-6d %14.1f %14.1f %18.1f %14.1f %14.1f %7.2fx", r + 1,
                    ms(round.killToEvent()), ms(round.detectedAfter()), ms(round.firstTaskAfterDetection()),
                    ms(round.killToFirstTask()), ms(round.bareJvm()),
                    (double) round.killToFirstTask() / round.bareJvm()));
        }
        System.out.println(String.format(Locale.ROOT, "median: kill to first task %.1f ms, %.2fx a bare JVM's start"
                + " and end (%.1f ms)", ms(median(results, Round::killToFirstTask)),
                (double) median(results, Round::killToFirstTask) / median(results, Round::bareJvm),
                ms(median(results, Round::bareJvm))));
    }

    /** One run, killed once; null (and a message) when the kernel was not restarted. */
    private static Round round(KernelTypes types) throws Exception {
        Scenario scenario = new ScenarioParser(types).parse(SCENARIO, Path.of("restart-cost.yaml"));
        Watch watch = new Watch();
        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> new Hypervisor(types,
                SystemNanoClock.INSTANCE).run(scenario, PartitionPlanner.plan(scenario, CpuTopology.detect()), watch));
        ProcessHandle child = watch.awaitWorking(running);
        long killedAt = System.nanoTime();
        child.destroyForcibly();
        RunReport report = running.get(120, TimeUnit.SECONDS);
        if (report.kernelFailures().isEmpty() || report.kernelFailures().get(0).firstTaskAfterRestartNanos() == null) {
            System.err.println("RestartCost: the kernel was not restarted: " + report.kernelFailures()
                    + (report.failure() == null ? "" : "; " + report.failure()));
            return null;
        }
        KernelFailure failure = report.kernelFailures().get(0);
        return new Round(watch.failedAt.get() - killedAt, failure.detectedAfterNanos(),
                failure.firstTaskAfterRestartNanos(), bareJvm());
    }

    /** A child JVM of the kernel processes' command line whose main class exits at once: started, ended, reaped. */
    private static long bareJvm() throws Exception {
        List<String> command = ChildJvmCommand.of(List.of(), ExitAtOnce.class.getName(), List.of());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.INHERIT).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("a bare JVM did not end within 60 s");
        }
        return System.nanoTime() - start;
    }

    private static long median(List<Round> rounds, java.util.function.ToLongFunction<Round> figure) {
        long[] values = rounds.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The main class of the baseline JVM. */
    public static final class ExitAtOnce {
        private ExitAtOnce() {
        }

        public static void main(String[] args) {
            // nothing: the cost measured is the JVM's own start and end
        }
    }

    /** When the host said the kernel failed, and how many tasks the kernel process completed so far. */
    private static final class Watch implements RunListener {
        final AtomicLong failedAt = new AtomicLong();
        final AtomicLong middleTasks = new AtomicLong();

        @Override
        public void onEvent(String message) {
            if (message.contains("kernel failure detected")) {
                failedAt.compareAndSet(0, System.nanoTime());
            }
        }

        @Override
        public void onSample(MetricsSample sample) {
            for (KernelSample kernel : sample.kernels()) {
                if (kernel.name().equals("middle")) {
                    middleTasks.set(kernel.tasksCompleted());
                }
            }
        }

        /** The kernel process, once a sample showed it completing tasks after the warm-up. */
        ProcessHandle awaitWorking(CompletableFuture<RunReport> running) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !running.isDone()) {
                List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                        .toList();
                if (!children.isEmpty() && middleTasks.get() > 600) {
                    return children.get(0);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            throw new IllegalStateException("the kernel process completed no tasks within 60 s");
        }
    }
}
