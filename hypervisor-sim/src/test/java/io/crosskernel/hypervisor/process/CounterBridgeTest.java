package io.crosskernel.hypervisor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.metrics.GeneratedPublisher;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two sides of the shared counters in one JVM: a kernel process's bridge and the host's mirror of it. */
class CounterBridgeTest {
    @TempDir
    Path parent;

    @Test
    void theWorkerPublishesItsGeneratedCountsAndTheMainThreadSkipsThem() {
        Scenario scenario = new ScenarioParser(KernelTypes.load()).parse("name: bridge\nduration: 1s\n"
                + "kernels:\n"
                + "  - {name: host, type: general, cores: [0]}\n"
                + "  - {name: child, type: general, cores: [1], isolation: process}\n"
                + "workload:\n"
                + "  - name: feed\n    stream: {rate: 1k/s}\n"
                + "    stages:\n"
                + "      - {kernel: child, cost: 1us}\n"
                + "      - {kernel: host, cost: 1us}\n", Path.of("bridge.yaml"));
        KernelDecl child = scenario.kernel("child");
        List<Route> routes = new ArrayList<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            routes.add(workload.route());
        }
        try (RunDirectory dir = RunDirectory.create(parent, 1 << 20)) {
            SharedCounters shared = SharedCounters.create(dir, KernelCounters.capacity(scenario));
            KernelCounters counters = KernelCounters.allocate(shared, scenario, child);
            WorkerMetrics[] process = {new WorkerMetrics(routes, child.id())};
            WorkerMetrics[] host = {new WorkerMetrics(routes, child.id())};
            CounterBridge processSide = CounterBridge.of(shared, counters, process,
                    new ChannelFabric(2, scenario.links(), c -> { }));
            CounterBridge hostSide = CounterBridge.of(shared, counters, host,
                    new ChannelFabric(2, scenario.links(), c -> { }));
            GeneratedPublisher publisher = processSide.generatedPublisher(0);

            process[0].generated[0].add(5);
            publisher.publish(0);
            hostSide.mirror();
            assertThat(host[0].generated[0].get()).as("published by the worker, at once").isEqualTo(5);

            // Counted and not yet published by the worker: the main thread's publish leaves it alone (its one
            // writer is the worker) and goes on publishing the rest.
            process[0].generated[0].add(2);
            process[0].completed[0].add(3);
            processSide.publish();
            hostSide.mirror();
            assertThat(host[0].generated[0].get()).isEqualTo(5);
            assertThat(host[0].completed[0].get()).isEqualTo(3);

            publisher.publish(0);
            hostSide.mirror();
            assertThat(host[0].generated[0].get()).isEqualTo(7);
        }
    }
}
