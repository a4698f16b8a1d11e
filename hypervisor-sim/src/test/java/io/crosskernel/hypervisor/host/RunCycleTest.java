package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RunCycle}: whatever throws, every started worker is stopped and joined, the JVM's threads get their cores
 * back, and every booted kernel is shut down in reverse order, only after all its workers stopped.
 */
@Timeout(120)
class RunCycleTest {
    private final List<String> log = LifecycleKernelFactory.newLog();
    /** Released at the end of each test: lets a deliberately stuck worker finish, so no thread outlives the test. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final KernelTypes types = KernelTypes.of(new GeneralKernelFactory(),
            new LifecycleKernelFactory("recording", log, LifecycleKernelFactory.Hook.NONE,
                    LifecycleKernelFactory.Hook.NONE),
            new LifecycleKernelFactory("failing-boot", log, (name, worker) -> {
                throw new IllegalStateException("no such device");
            }, LifecycleKernelFactory.Hook.NONE),
            new LifecycleKernelFactory("never-returns", log, LifecycleKernelFactory.Hook.NONE, (name, worker) -> {
                awaitUninterruptibly(release);
            }));

    @AfterEach
    void noWorkerOutlivesTheTest() throws InterruptedException {
        release.countDown();
        for (Thread thread : workerThreads()) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(workerThreads()).as("worker threads alive after the test").isEmpty();
    }

    @Test
    void statsAndShutdownComeAfterEveryWorkerOfTheKernelStopped() {
        RunReport report = run(kernels("a: {type: recording, cores: [0, 1]}", "b: {type: recording, cores: [0]}"),
                NativeHostPlatform.INSTANCE, RunListener.NONE);

        assertThat(report.failure()).isNull();
        assertThat(workerThreads()).as("joined before run returns").isEmpty();
        assertThat(log).containsSubsequence("a:boot", "b:boot", "b:stats", "b:shutdown", "a:stats", "a:shutdown");
        assertThat(log.indexOf("a:stats")).isGreaterThan(log.indexOf("a:stop 0")).isGreaterThan(log.indexOf("a:stop 1"));
        assertThat(log.indexOf("b:stats")).isGreaterThan(log.indexOf("b:stop 0"));
    }

    @Test
    void aWorkerThatNeverReturnsFailsTheRunNamingItAndItsKernelIsNotShutDown() {
        RunReport report = run(kernels("stuck: {type: never-returns, cores: [0]}", "ok: {type: recording, cores: [1]}"),
                NativeHostPlatform.INSTANCE, RunListener.NONE);

        assertThat(report.failure()).contains("xk-stuck-0").contains("did not stop");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("kernel 'stuck' was not shut down"));
        assertThat(log).contains("ok:stats", "ok:shutdown").doesNotContain("stuck:stats", "stuck:shutdown");
        assertThat(workerThreads()).extracting(Thread::getName).containsExactly("xk-stuck-0");
    }

    @Test
    void aListenerThatThrowsStopsTheWorkersGivesTheCoresBackAndShutsEveryKernelDown() {
        RecordingPlatform platform = new RecordingPlatform(core -> false, 0);
        RunListener throwing = new RunListener() {
            @Override
            public void onStarted(BootSummary boot) {
                throw new IllegalStateException("listener broke");
            }
        };

        assertThatThrownBy(() -> run(kernels("spin: {type: recording, cores: [0], idle: busy-spin}",
                "b: {type: recording, cores: [1]}"), platform, throwing)).hasMessage("listener broke");

        assertThat(workerThreads()).isEmpty();
        assertThat(log).containsSubsequence("spin:stop 0", "b:shutdown", "spin:shutdown");
        assertThat(platform.moves).as("confined, then given back").hasSize(2);
        assertThat(platform.moves.get(1)).isEqualTo(List.of(platform.moves.get(0).get(1),
                platform.moves.get(0).get(0)));
    }

    @Test
    void aWorkerThatCannotBePinnedFailsTheRunAndTheStartedWorkersStop() {
        AtomicInteger pins = new AtomicInteger();
        RecordingPlatform platform = new RecordingPlatform(core -> pins.incrementAndGet() == 2, 0);

        assertThatThrownBy(() -> run(kernels("a: {type: recording, cores: [0]}", "b: {type: recording, cores: [0]}"),
                platform, RunListener.NONE))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("failed to start")
                .hasMessageContaining("affinity refused");

        assertThat(workerThreads()).isEmpty();
        assertThat(log).containsSubsequence("b:shutdown", "a:shutdown");
    }

    @Test
    void aWorkerThreadThatCannotBeStartedFailsTheRunAndTheStartedWorkersStop() {
        RecordingPlatform platform = new RecordingPlatform(core -> false, 2);

        assertThatThrownBy(() -> run(kernels("a: {type: recording, cores: [0]}", "b: {type: recording, cores: [0]}"),
                platform, RunListener.NONE))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("xk-b-0")
                .hasMessageContaining("could not be started").hasMessageContaining("unable to create native thread");

        assertThat(workerThreads()).isEmpty();
        assertThat(log).containsSubsequence("a:start 0", "a:stop 0", "b:shutdown", "a:shutdown")
                .doesNotContain("b:start 0");
    }

    @Test
    void aBootThatFailsHalfWayShutsTheEarlierKernelsDownInReverseAndNeverBootsTheLaterOnes() {
        assertThatThrownBy(() -> run(kernels("a: {type: recording, cores: [0]}", "b: {type: recording, cores: [1]}",
                "c: {type: failing-boot, cores: [0]}", "d: {type: recording, cores: [1]}"),
                NativeHostPlatform.INSTANCE, RunListener.NONE))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("kernel 'c'")
                .hasMessageContaining("no such device");

        assertThat(log).containsExactly("a:boot", "b:boot", "b:stats", "b:shutdown", "a:stats", "a:shutdown");
        assertThat(workerThreads()).isEmpty();
    }

    /** Kernels given as {@code name: {type: ..., cores: [...]}}, plus a general kernel that carries the workload. */
    private static String kernels(String... kernels) {
        StringBuilder yaml = new StringBuilder("name: lifecycle\nduration: 200ms\nseed: 1\n"
                + "host: {oversubscribe: true, housekeeping: false}\nkernels:\n");
        for (String kernel : kernels) {
            int colon = kernel.indexOf(':');
            yaml.append("  - {name: ").append(kernel, 0, colon).append(", ")
                    .append(kernel, kernel.indexOf('{') + 1, kernel.lastIndexOf('}')).append("}\n");
        }
        return yaml + "  - {name: load, type: general, cores: [1], idle: backoff}\n"
                + "workload:\n  - name: w\n    stream: {rate: 1k/s}\n    kernel: load\n    cost: 1us\n";
    }

    private RunReport run(String yaml, HostPlatform platform, RunListener listener) {
        Scenario scenario = new ScenarioParser(types).parse(yaml, Path.of("lifecycle.yaml"));
        return new Hypervisor(types, SystemNanoClock.INSTANCE, null, platform).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), listener);
    }

    private static List<Thread> workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("xk-") && thread.isAlive()).toList();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean done = false;
        while (!done) {
            try {
                latch.await();
                done = true;
            } catch (InterruptedException e) {
                // keep "never returning" until the test releases it
            }
        }
    }

    /**
     * The real platform, except: pinning throws where {@code pinFails} says so, the {@code failingStart}-th thread
     * start (1-based; 0 never) fails as the JVM does when the OS has no thread left, and moving the JVM's threads
     * is only recorded (a test must not move the threads of the JVM it runs in).
     */
    private static final class RecordingPlatform implements HostPlatform {
        private final IntPredicate pinFails;
        private final int failingStart;
        private final AtomicInteger starts = new AtomicInteger();
        final List<List<List<Integer>>> moves = new CopyOnWriteArrayList<>();

        RecordingPlatform(IntPredicate pinFails, int failingStart) {
            this.pinFails = pinFails;
            this.failingStart = failingStart;
        }

        @Override
        public void warmUp() {
            NativeHostPlatform.INSTANCE.warmUp();
        }

        @Override
        public Thread startWorkerThread(Runnable body, String name) {
            if (starts.incrementAndGet() == failingStart) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            return NativeHostPlatform.INSTANCE.startWorkerThread(body, name);
        }

        @Override
        public PinResult pinCurrentThread(int core) {
            if (pinFails.test(core)) {
                throw new IllegalStateException("affinity refused for core " + core);
            }
            return NativeHostPlatform.INSTANCE.pinCurrentThread(core);
        }

        @Override
        public JvmThreadConfiner.Result moveJvmThreads(List<Integer> from, List<Integer> to) {
            moves.add(List.of(List.copyOf(from), List.copyOf(to)));
            return new JvmThreadConfiner.Result(3, 0, "moved 3 (recorded only)");
        }
    }
}
