package io.crosskernel.kernels.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GeneralKernelFactoryTest {
    private final GeneralKernelFactory factory = new GeneralKernelFactory();

    private static KernelSpec spec(Map<String, String> settings) {
        return new KernelSpec("gp", "general", List.of(0, 1), settings);
    }

    @Test
    void isFoundThroughServiceLoaderUnderTypeGeneral() {
        assertThat(ServiceLoader.load(KernelFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("general")).findFirst())
                .get().isInstanceOf(GeneralKernelFactory.class);
        assertThat(factory.description()).isNotBlank().doesNotContain("\n");
        assertThat(factory.settingKeys()).containsExactlyInAnyOrder("queueDepth", "batch");
    }

    @Test
    void missingSettingsTakeTheirDefaults() {
        assertThat(GeneralSettings.parse(Map.of())).isEqualTo(new GeneralSettings(4096, 64));
        assertThat(factory.create(spec(Map.of()))).isInstanceOf(GeneralKernel.class);
    }

    @Test
    void acceptsValuesWithinRangeIncludingUnderscores() {
        assertThat(GeneralSettings.parse(Map.of("queueDepth", "1_048_576", "batch", " 1 ")))
                .isEqualTo(new GeneralSettings(1_048_576, 1));
        assertThat(GeneralSettings.parse(Map.of("queueDepth", "16", "batch", "65536")))
                .isEqualTo(new GeneralSettings(16, 65_536));
    }

    @Test
    void rejectsQueueDepthOutOfRangeNamingTheKeyAndAFix() {
        assertThatThrownBy(() -> factory.validate(spec(Map.of("queueDepth", "15"))))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("queueDepth"))
                .hasMessageContaining("between 16 and 1048576").hasMessageContaining("got 15")
                .hasMessageContaining("queueDepth: 4096");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("queueDepth", "2000000"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("got 2000000");
    }

    @Test
    void rejectsBatchThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> factory.validate(spec(Map.of("batch", "lots"))))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("batch"))
                .hasMessageContaining("whole number between 1 and 65536").hasMessageContaining("'lots'")
                .hasMessageContaining("batch: 64");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("batch", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> factory.validate(spec(Map.of("batch", "1.5"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'1.5'");
    }

    @Test
    void rejectsUnknownSettingListingTheAcceptedOnes() {
        assertThatThrownBy(() -> factory.validate(spec(Map.of("quantum", "1ms"))))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("quantum"))
                .hasMessageContaining("queueDepth").hasMessageContaining("batch");
    }

    @Test
    void rejectsKernelWithoutCores() {
        assertThatThrownBy(() -> factory.validate(new KernelSpec("gp", "general", List.of(), Map.of())))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("cores"));
    }

    @Test
    void runsTheAllocateOpBesideSpinsAndDataJobs() {
        assertThat(GeneralKernelFactory.GENERAL_OPS).contains(io.crosskernel.api.workload.StageOp.ALLOCATE);
    }
}
