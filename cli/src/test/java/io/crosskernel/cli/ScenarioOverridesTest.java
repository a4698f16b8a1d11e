package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.workload.PoissonSchedule;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.KeyOverride;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioKeys;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set PATH=VALUE}: a value found by its path and read in place of the file's, checked like it. */
class ScenarioOverridesTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final Path REALTIME = Path.of("..", "examples", "realtime.yaml");
    private final ScenarioParser parser = new ScenarioParser(KernelTypes.load());

    private Scenario parse(Path file, String path, String value) {
        return parser.withOverrides(List.of(new KeyOverride(path, value))).parse(file);
    }

    @Test
    void overridesAStreamRateByTheShortAndTheFullPath() {
        assertThat(((PoissonSchedule) parse(QUICKSTART, "orders.stream.rate", "50k/s").workloads().get(0)
                .schedule()).ratePerSecond()).isEqualTo(50_000.0);
        assertThat(((PoissonSchedule) parse(QUICKSTART, "workload.orders.stream.rate", "2/ms").workloads().get(0)
                .schedule()).ratePerSecond()).isEqualTo(2_000.0);
    }

    @Test
    void overridesAPeriodicTasksCostAndAStageByItsKernel() {
        assertThat(parse(REALTIME, "control.cost", "80us").workloads().get(0).route().stages().get(0).costNanos())
                .isEqualTo(80_000);
        assertThat(parse(QUICKSTART, "orders.stages.worker.cost", "3us").workloads().get(0).route().stages().get(1)
                .costNanos()).isEqualTo(3_000);
        assertThat(parse(QUICKSTART, "workload.orders.stages.0.cost", "7us").workloads().get(0).route().stages()
                .get(0).costNanos()).isEqualTo(7_000);
    }

    @Test
    void overridesAKernelSettingAndATopLevelValue() {
        Scenario scenario = parse(REALTIME, "kernels.rt.settings.spinAhead", "20us");
        assertThat(scenario.kernel("rt").settings()).containsEntry("spinAhead", "20us");
        assertThat(parse(REALTIME, "rt.settings.overrunSlack", "5us").kernel("rt").settings())
                .containsEntry("overrunSlack", "5us");
        assertThat(parse(QUICKSTART, "channels.capacity", "64").links().get(0).capacity()).isEqualTo(64);
        assertThat(parse(QUICKSTART, "duration", "2s").durationNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void anOverriddenValueIsCheckedAsTheFilesAndBlamedAtItsPlace() {
        assertThatThrownBy(() -> parse(QUICKSTART, "orders.stream.rate", "fast"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith(QUICKSTART + ":31:")
                .hasMessageContaining("'fast' is not a rate");
        assertThatThrownBy(() -> parse(REALTIME, "control.cost", "2ms"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("cannot admit its workload");
    }

    @Test
    void theRecordedTextSaysWhichValuesWereReadInstead() {
        assertThat(parse(QUICKSTART, "orders.stream.rate", "50k/s").sourceText())
                .endsWith("# read with --set orders.stream.rate=50k/s\n");
        assertThat(parser.parse(QUICKSTART).sourceText()).doesNotContain("read with --set");
    }

    @Test
    void findsAValueAndListsTheNumericOnesByCanonicalPath() {
        assertThat(ScenarioKeys.find(QUICKSTART, "tick.periodic.period").path())
                .isEqualTo("workload.tick.periodic.period");
        assertThat(ScenarioKeys.find(QUICKSTART, "tick.periodic.period").text()).isEqualTo("1ms");
        assertThat(ScenarioKeys.values(QUICKSTART)).extracting(k -> k.path())
                .contains("workload.orders.stages.ingest.cost", "kernels.worker.cores.0", "channels.capacity");
    }
}
