package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sim.Calibration;
import io.crosskernel.hypervisor.sim.SimFaults;
import io.crosskernel.hypervisor.sim.SimulationSettings;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A simulated run keeps the kernel contract a real one keeps: every worker that started gets {@code onWorkerStop}
 * once, after its last duty cycle, on the thread that ran its duty cycles, and a failing {@code onWorkerStop} is
 * recorded like any task error instead of ending the run's clean-up.
 */
class SimulatedWorkerLifecycleTest {
    private static final String SCENARIO = "name: lifecycle\nduration: 20ms\nwarmup: 0ms\nseed: 5\n"
            + "kernels:\n"
            + "  - {name: work, type: general, cores: [0]}\n"
            + "  - {name: watched, type: recording, cores: [1, 2]}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 10k/s, arrival: poisson}\n    kernel: work\n    cost: 1us\n";

    @Test
    void everyStartedWorkerIsStoppedOnceAfterItsLastDutyCycleOnTheSimulatingThread() {
        Recording recording = new Recording(false);
        RunReport report = run(recording);

        assertThat(report.failure()).isNull();
        assertThat(recording.events).containsExactly("start 0", "start 1", "stop 0", "stop 1");
        assertThat(recording.threads).containsOnly(Thread.currentThread().getName());
        assertThat(recording.dutyCyclesAfterStop).isZero();
    }

    @Test
    void aFailingOnWorkerStopIsRecordedAndTheOtherWorkersAreStillStopped() {
        Recording recording = new Recording(true);
        RunReport report = run(recording);

        assertThat(recording.events).containsExactly("start 0", "start 1", "stop 0", "stop 1");
        assertThat(report.taskErrors()).isPositive();
        assertThat(report.errorSamples()).anySatisfy(sample -> assertThat(sample).contains("onWorkerStop"));
    }

    private static RunReport run(Recording recording) {
        KernelTypes types = KernelTypes.of(new GeneralKernelFactory(), recording);
        Scenario scenario = new ScenarioParser(types).parse(SCENARIO, null);
        SimulationSettings settings = new SimulationSettings(5, Calibration.defaults(), null, SimFaults.NONE);
        return Hypervisor.simulated(types, settings, null).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.virtual(4)), RunListener.NONE);
    }

    /** A kernel type whose kernels do nothing but note their workers' start and stop. */
    private static final class Recording extends TestKernelType {
        final List<String> events = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final boolean failStop;
        int dutyCyclesAfterStop;

        Recording(boolean failStop) {
            super("recording", "test kernel noting its workers' lifecycle");
            this.failStop = failStop;
        }

        @Override
        public Kernel create(KernelSpec spec) {
            return new Kernel() {
                private boolean stopped;

                @Override
                public void onBoot(KernelContext context) {
                }

                @Override
                public void onWorkerStart(int worker) {
                    events.add("start " + worker);
                    threads.add(Thread.currentThread().getName());
                }

                @Override
                public int doWork(int worker) {
                    if (stopped) {
                        dutyCyclesAfterStop++;
                    }
                    return 0;
                }

                @Override
                public void onWorkerStop(int worker) {
                    events.add("stop " + worker);
                    threads.add(Thread.currentThread().getName());
                    stopped = true;
                    if (failStop) {
                        throw new IllegalStateException("stop failed on purpose");
                    }
                }
            };
        }
    }
}
