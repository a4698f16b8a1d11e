package io.crosskernel.kernels.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ComputeKernelFactoryTest {
    private final ComputeKernelFactory factory = new ComputeKernelFactory();

    private static KernelSpec spec(Map<String, String> settings) {
        return new KernelSpec("cpu", "compute", List.of(0, 1), settings);
    }

    private static Source source(Stage... stages) {
        return new Source(new Route(0, "jobs", "stream", List.of(stages), 0), new BurstSchedule(0, 1, 0, Long.MAX_VALUE));
    }

    @Test
    void isFoundByTheServiceLoaderAsCompute() {
        assertThat(ServiceLoader.load(KernelFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("compute"))).singleElement().isInstanceOf(ComputeKernelFactory.class);
        assertThat(factory.settingKeys()).containsExactlyInAnyOrder("split", "maxInFlight", "queueDepth", "batch");
    }

    @Test
    void defaultsSplitToFourChunksPerCore() {
        ComputeSettings settings = ComputeSettings.parse(Map.of());
        assertThat(settings).isEqualTo(ComputeSettings.defaults());
        assertThat(settings.chunksFor(2)).isEqualTo(8);
        assertThat(settings.chunksFor(3)).isEqualTo(12);
        assertThat(settings.maxInFlight()).isEqualTo(64);
        assertThat(settings.queueDepth()).isEqualTo(1024);
        assertThat(settings.batch()).isEqualTo(64);
        assertThat(ComputeSettings.parse(Map.of("split", "5")).chunksFor(2)).isEqualTo(5);
    }

    @Test
    void neverAllowsMoreJobsInFlightThanThePoolHolds() {
        assertThat(new ComputeSettings(0, 500, 16, 1).effectiveMaxInFlight()).isEqualTo(16);
    }

    @Test
    void rejectsBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> factory.validate(spec(Map.of("split", "0x"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("split")
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("split");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("maxInFlight", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("maxInFlight must be between 1");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("split", "5000"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("4096");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("chunks", "4"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("unknown setting 'chunks'");
        assertThatThrownBy(() -> factory.validate(new KernelSpec("cpu", "compute", List.of(), Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("at least one core");
    }

    @Test
    void refusesASplitOfZeroAndSaysTheDocumentedRange() {
        assertThatThrownBy(() -> factory.validate(spec(Map.of("split", "0"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("split must be between 1 and 4096, got 0");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("split", "4097"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("split must be between 1 and 4096, got 4097");
        assertThat(ComputeSettings.parse(Map.of("split", "1")).chunksFor(8)).isEqualTo(1);
    }

    @Test
    void refusesMaxInFlightAboveQueueDepthWrittenOrDefault() {
        assertThatThrownBy(() -> factory.validate(spec(Map.of("maxInFlight", "2000"))))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.key()).isEqualTo("maxInFlight");
                    assertThat(e.getMessage()).startsWith("maxInFlight 2000 is above queueDepth 1024 (the default)")
                            .contains("'maxInFlight: 1024'");
                });
        assertThatThrownBy(() -> factory.validate(spec(Map.of("maxInFlight", "65", "queueDepth", "64"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("maxInFlight 65 is above queueDepth 64:");
        assertThat(ComputeSettings.parse(Map.of("maxInFlight", "64", "queueDepth", "64")).maxInFlight()).isEqualTo(64);
        // The default of 64 is only capped, never refused, when the pool is smaller.
        assertThat(ComputeSettings.parse(Map.of("queueDepth", "16")).effectiveMaxInFlight()).isEqualTo(16);
    }

    @Test
    void admitsSpinStagesAndRefusesStorageOps() {
        Stage spin = new Stage(0, "cpu", 1_000, 1, 0);
        Stage put = new Stage(0, "cpu", 1_000, 1, 0, StageOp.PUT, 128);
        Stage putElsewhere = new Stage(1, "store", 1_000, 1, 0, StageOp.PUT, 128);

        factory.admit(spec(Map.of()), 0, List.of(source(spin, putElsewhere)));
        assertThatThrownBy(() -> factory.admit(spec(Map.of()), 0, List.of(source(spin, put))))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("op 'put'")
                .hasMessageContaining("stage 1 of workload 'jobs'");
    }

    @Test
    void createsAComputeKernel() {
        assertThat(factory.create(spec(Map.of("split", "8")))).isInstanceOf(ComputeKernel.class);
    }
}
