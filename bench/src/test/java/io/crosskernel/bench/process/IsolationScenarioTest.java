package io.crosskernel.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The floor's neighbour is examples/isolated.yaml without its realtime kernel: it must stay a valid scenario. */
class IsolationScenarioTest {
    @Test
    void theNeighbourAloneIsTheExampleWithoutItsRealtimeKernelAndLoops() throws IOException {
        String example = Files.readString(Path.of("..", "examples", "isolated.yaml"));

        Scenario neighbour = new ScenarioParser(KernelTypes.load()).parse(IsolationScenario.neighbourOnly(example),
                Path.of("neighbour.yaml"));

        assertThat(neighbour.kernels()).extracting(KernelDecl::name).containsExactly("gp");
        assertThat(neighbour.workloads()).extracting(w -> w.route().name()).containsExactly("garbage", "burst");
        assertThat(neighbour.workloads()).extracting(WorkloadDecl::route).allSatisfy(route ->
                assertThat(route.stage(0).op().label()).isIn("allocate", "spin"));
    }
}
