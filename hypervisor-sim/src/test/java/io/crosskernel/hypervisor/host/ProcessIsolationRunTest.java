package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.HostSettings;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end runs with a kernel in a process of its own: a real child JVM, its channels in mapped files, its figures
 * through the shared counters. Every test checks that the run left no kernel process alive and no file behind.
 */
@Timeout(120)
class ProcessIsolationRunTest {
    private static final KernelTypes TYPES = KernelTypes.load();

    @TempDir
    Path runDir;

    /** ingest (thread) -> middle (process) -> ingest (thread): every hop of the route crosses the process boundary. */
    private String pipeline(String duration, String rate, String extraHost) {
        return "name: isolated\nduration: " + duration + "\nseed: 7\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 30s, runDir: '" + runDir + "'"
                + extraHost + "}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0]}\n"
                + "  - {name: middle, type: general, cores: [1], isolation: process}\n"
                + "channels: {capacity: 256, backpressure: retry}\n"
                + "workload:\n"
                + "  - name: orders\n    stream: {rate: " + rate + "}\n"
                + "    stages:\n"
                + "      - {kernel: ingest, cost: 1us}\n"
                + "      - {kernel: middle, cost: 2us}\n"
                + "      - {kernel: ingest, cost: 1us}\n";
    }

    private static RunReport run(String yaml, RunListener listener) {
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("isolated.yaml"));
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), listener);
    }

    @AfterEach
    void leavesNoProcessAndNoFile() throws IOException {
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).as("kernel processes").isEmpty();
        try (Stream<Path> left = Files.list(runDir)) {
            assertThat(left).as("files left in the run directory's parent").isEmpty();
        }
    }

    @Test
    void deliversEveryRequestThroughAKernelInAProcessOfItsOwn() {
        RunReport report = run(pipeline("1s", "5k/s", ""), RunListener.NONE);

        assertThat(report.failure()).isNull();
        assertThat(report.accounting().balanced()).as(report.accounting().problems().toString()).isTrue();
        WorkloadReport orders = report.workloads().get(0);
        assertThat(orders.generated()).isGreaterThan(1000);
        assertThat(orders.completed()).isEqualTo(orders.generated());
        assertThat(orders.e2eNanos().count()).isEqualTo(orders.completed());
        // The middle stage's latency was recorded in the kernel process and reached the host at its end.
        assertThat(orders.stageLatencies().get(1).latencyNanos().count()).isEqualTo(orders.completed());

        KernelReport middle = kernel(report, "middle");
        assertThat(middle.isolation()).isEqualTo("process");
        assertThat(middle.pid()).isNotNull().isNotEqualTo(ProcessHandle.current().pid());
        assertThat(middle.messagesIn()).isEqualTo(orders.completed());
        assertThat(middle.messagesOut()).isEqualTo(orders.completed());
        assertThat(middle.tasksCompleted()).isEqualTo(orders.completed());
        assertThat(middle.latencyNanos().count()).isEqualTo(orders.completed());
        KernelReport ingest = kernel(report, "ingest");
        assertThat(ingest.isolation()).isEqualTo("thread");
        assertThat(ingest.pid()).isNull();

        for (ChannelReport channel : report.channels()) {
            assertThat(channel.balanced()).as(channel.from() + "->" + channel.to()).isTrue();
            assertThat(channel.sent()).isEqualTo(orders.completed());
            assertThat(channel.received()).isEqualTo(orders.completed());
        }
    }

    @Test
    void drainsExactlyWhatAKernelInAProcessReleased() {
        // Released in the process, finished by the host's kernel: the drain must wait for the process's final
        // generated counts (ControlSlot.SOURCES_DONE), or it could end with requests still travelling.
        String yaml = pipeline("1s", "5k/s", "").replace("      - {kernel: ingest, cost: 1us}\n      - {kernel: middle",
                "      - {kernel: middle");
        RunReport report = run(yaml, RunListener.NONE);

        assertThat(report.failure()).isNull();
        assertThat(report.accounting().balanced()).as(report.accounting().problems().toString()).isTrue();
        WorkloadReport orders = report.workloads().get(0);
        assertThat(orders.generated()).isGreaterThan(1000);
        assertThat(orders.completed()).isEqualTo(orders.generated());
        assertThat(orders.e2eNanos().count()).isEqualTo(orders.completed());
        assertThat(kernel(report, "middle").tasksCompleted()).isEqualTo(orders.generated());
        assertThat(kernel(report, "ingest").messagesIn()).isEqualTo(orders.generated());
    }

    @Test
    void runsARealtimeKernelWithPeriodicTasksInAProcessAndReportsItsTasksHiccupsAndMisses() {
        String yaml = "name: isolated-rt\nduration: 1s\nseed: 7\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 30s, hiccupThreshold: 1us,"
                + " runDir: '" + runDir + "'}\n"
                + "kernels:\n"
                + "  - {name: gp, type: general, cores: [0]}\n"
                + "  - {name: rt, type: realtime, cores: [1], isolation: process, idle: busy-spin,"
                + " settings: {policy: edf, spinAhead: 50us, sporadic: \"alerts=1ms\"}}\n"
                + "channels: {capacity: 256, backpressure: retry}\n"
                + "workload:\n"
                + "  - {name: control, periodic: {period: 1ms, deadline: 1ms}, kernel: rt, cost: 20us}\n"
                + "  - name: feed\n    periodic: {period: 2ms}\n"
                + "    stages:\n"
                + "      - {kernel: rt, cost: 10us}\n"
                + "      - {kernel: gp, cost: 1us}\n"
                // 100 at once into a task the kernel releases at most once a millisecond: most miss 2 ms, on rt.
                + "  - name: alerts\n    burst: {at: 100ms, count: 100}\n    deadline: 2ms\n"
                + "    stages:\n"
                + "      - {kernel: gp, cost: 1us}\n"
                + "      - {kernel: rt, cost: 10us}\n";
        RunReport report = run(yaml, RunListener.NONE);

        assertThat(report.failure()).isNull();
        assertThat(report.accounting().balanced()).as(report.accounting().problems().toString()).isTrue();
        WorkloadReport control = report.workloads().get(0);
        WorkloadReport feed = report.workloads().get(1);
        // Released by the kernel process on its periodic schedule; every one finished (feed in the host).
        assertThat(control.generated()).isBetween(900L, 1100L);
        assertThat(control.completed()).isEqualTo(control.generated());
        assertThat(feed.generated()).isBetween(450L, 550L);
        assertThat(feed.completed()).isEqualTo(feed.generated());
        // The burst's misses were recorded in the kernel process and reached the host with their evidence: each has
        // a cause (without the process's miss log and hiccups they would all be unattributed).
        WorkloadReport alerts = report.workloads().get(2);
        assertThat(alerts.completed()).isEqualTo(100);
        assertThat(alerts.deadlineMisses()).isGreaterThan(50);
        assertThat(alerts.missesByCause().unattributed()).isZero();

        KernelReport rt = kernel(report, "rt");
        assertThat(rt.isolation()).isEqualTo("process");
        // The realtime kernel's own figures (stats()), from its process: its tasks and what each released.
        assertThat(rt.details()).containsEntry("policy", "edf");
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> tasks = (List<java.util.Map<String, Object>>) rt.details().get("tasks");
        assertThat(tasks).extracting(t -> t.get("name") + "=" + t.get("released"))
                .contains("control=" + control.generated());
        assertThat(rt.taskMisses()).extracting(io.crosskernel.hypervisor.report.TaskMisses::task)
                .contains("control");
        // Its hiccups (1us is below any timer interrupt on a spinning core), measured in its process.
        assertThat(rt.hiccups().thresholdNanos()).isEqualTo(1_000);
        assertThat(rt.hiccups().count()).isPositive();
        // Release lateness is measured where a route starts: control and feed start here, alerts on gp.
        assertThat(rt.latenessNanos().count()).isEqualTo(control.completed() + feed.completed());
    }

    @Test
    void aKernelProcessKilledMidRunStopsTheRunAndSaysWhatItHeld() throws Exception {
        AtomicLong stoppedAt = new AtomicLong();
        RunListener listener = new RunListener() {
            @Override
            public void onEvent(String message) {
                if (message.contains("died")) {
                    stoppedAt.compareAndSet(0, System.nanoTime());
                }
            }
        };
        // A slow middle stage: the kernel process always holds requests when it is killed.
        String yaml = pipeline("60s", "2k/s", "").replace("{kernel: middle, cost: 2us}", "{kernel: middle, cost: 200us}");
        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> run(yaml, listener));
        ProcessHandle child = awaitChild();
        awaitMessagesThrough(child);
        long killedAt = System.nanoTime();
        assertThat(child.destroyForcibly()).isTrue();
        RunReport report = running.get(60, TimeUnit.SECONDS);

        assertThat(report.failure()).contains("kernel 'middle' (process " + child.pid() + ") died: killed by signal 9"
                + " (SIGKILL)").contains("lost in crash");
        assertThat(stoppedAt.get()).isPositive();
        // Noticed at the next supervision tick (20 ms); the bound leaves room for a loaded machine.
        assertThat(TimeUnit.NANOSECONDS.toMillis(stoppedAt.get() - killedAt)).isLessThan(500);
        assertThat(report.durationNanos()).isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    void runsAKernelProcessWithTheJvmSettingsOfItsKernel() {
        // The launcher (this test JVM) runs G1: the kernel's own collector replaces it.
        String yaml = pipeline("300ms", "1k/s", "").replace("isolation: process}",
                "isolation: process, jvm: {heap: 64m, collector: serial, options: [-XX:+UseCompressedOops]}}");

        RunReport report = run(yaml, RunListener.NONE);

        assertThat(report.failure()).isNull();
        assertThat(kernel(report, "middle").collector()).isEqualTo("Serial");
        assertThat(kernel(report, "ingest").collector()).isNull();
        assertThat(report.accounting().balanced()).as(report.accounting().problems().toString()).isTrue();
    }

    @Test
    void refusesARunDirectoryThatIsNotThere() {
        Path missing = runDir.resolve("missing");
        String yaml = pipeline("1s", "1k/s", "").replace("runDir: '" + runDir + "'", "runDir: '" + missing + "'");

        assertThatThrownBy(() -> run(yaml, RunListener.NONE)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("isolated.yaml:4:")
                .hasMessageContaining("run directory parent " + missing + " does not exist");
    }

    @Test
    void removesTheRunDirectoryOfAHostThatIsGone() throws IOException {
        // pid_max is at most 2^22 on Linux: no process has this id.
        Path stale = Files.createDirectories(runDir.resolve("crosskernel-999999999-1"));
        Files.writeString(stale.resolve("crosskernel-run"), "crosskernel run directory, format 1\n");
        Files.write(stale.resolve("counters.dat"), new byte[640]);

        RunReport report = run(pipeline("200ms", "1k/s", ""), RunListener.NONE);

        assertThat(stale).doesNotExist();
        assertThat(report.announcements()).anySatisfy(line -> assertThat(line)
                .contains("removed the run directory of a host that is gone: " + stale));
    }

    @Test
    void defaultsToTheSharedMemoryFileSystem() {
        Scenario scenario = new ScenarioParser(TYPES).parse(pipeline("1s", "1k/s", "")
                .replace(", runDir: '" + runDir + "'", ""), Path.of("isolated.yaml"));

        assertThat(scenario.host().runDir()).isEqualTo(HostSettings.DEFAULT_RUN_DIR);
        assertThat(scenario.kernel("middle").inProcess()).isTrue();
        assertThat(scenario.kernel("ingest").inProcess()).isFalse();
    }

    private static ProcessHandle awaitChild() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
            if (!children.isEmpty()) {
                return children.get(0);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("no kernel process started within 60 s");
    }

    /** Waits until the kernel process has booted and runs (its process lives for a while after it appeared). */
    private static void awaitMessagesThrough(ProcessHandle child) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()
                && child.info().totalCpuDuration().map(d -> d.toMillis() < 1500).orElse(true)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static KernelReport kernel(RunReport report, String name) {
        return report.kernels().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }
}
