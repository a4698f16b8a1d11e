package io.crosskernel.hypervisor.host;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host in a JVM of its own, for {@link HostSignalTest}: runs the scenario file {@code args[0]} (a kernel in a
 * process of its own, a long duration) until a signal ends this JVM. It prints {@link #STARTED} on standard output
 * once every kernel, the one in a process of its own included, runs.
 */
public final class HostInAChild {
    /** The line printed when the run has started. */
    static final String STARTED = "started";

    private HostInAChild() {
    }

    public static void main(String[] args) throws Exception {
        KernelTypes types = KernelTypes.load();
        Scenario scenario = new ScenarioParser(types).parse(Files.readString(Path.of(args[0])), Path.of(args[0]));
        new Hypervisor(types, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), new RunListener() {
                    @Override
                    public void onStarted(BootSummary boot) {
                        System.out.println(STARTED);
                        System.out.flush();
                    }
                });
    }
}
