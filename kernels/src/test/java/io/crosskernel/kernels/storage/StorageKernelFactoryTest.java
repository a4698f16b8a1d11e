package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageKernelFactoryTest {
    private final StorageKernelFactory factory = new StorageKernelFactory();

    private static KernelSpec spec(List<Integer> cores, Map<String, String> settings) {
        return new KernelSpec("store", "storage", cores, settings);
    }

    private static List<Source> oneStage(String op, long size) {
        Route r = new Route(0, "ingest", "burst", List.of(new Stage(0, "store", 0, 1, 0, StageOp.fromLabel(op), size)), 0);
        return List.of(new Source(r, new BurstSchedule(0, 1, 0, Long.MAX_VALUE)));
    }

    @Test
    void defaultsMatchTheDocumentation() {
        StorageSettings s = StorageSettings.parse(Map.of());
        assertThat(s).isEqualTo(StorageSettings.defaults());
        assertThat(s.sync()).isEqualTo(SyncPolicy.BATCH);
        assertThat(s.syncBatch()).isEqualTo(1024);
        assertThat(s.keys()).isEqualTo(100_000);
        assertThat(s.queueDepth()).isEqualTo(4096);
        assertThat(s.batch()).isEqualTo(64);
        assertThat(s.maxValue()).isEqualTo(64 * 1024);
        assertThat(s.directory("store")).isEqualTo(Path.of("xk-data", "store"));
    }

    @Test
    void parsesEverySetting() {
        StorageSettings s = StorageSettings.parse(Map.of("dir", "/tmp/x", "sync", "Every", "syncBatch", "8",
                "keys", "1_000", "queueDepth", "64", "batch", "4", "maxValue", "1KiB"));
        assertThat(s).isEqualTo(new StorageSettings("/tmp/x", SyncPolicy.EVERY, 8, 1000, 64, 4, 1024));
        assertThat(s.directory("ignored")).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void refusesMoreThanOneCoreWithAClearMessage() {
        assertThatThrownBy(() -> factory.validate(spec(List.of(0, 1), Map.of())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("exactly one core")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("cores"));
    }

    @Test
    void refusesBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("sync", "sometimes"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("none, batch or every");
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("maxValue", "lots"))))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("maxValue"));
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("keys", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("keys must be between 1");
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("size", "1"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("unknown setting 'size'");
    }

    @Test
    void refusesADirWithANulOrAnotherControlCharacterNamingItsPosition() {
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("dir", "data\0store"))))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.key()).isEqualTo("dir");
                    assertThat(e.getMessage()).startsWith("dir contains the control character U+0000 at position 5,"
                            + " which no file name can hold").doesNotContain("\0");
                });
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("dir", "data\nstore"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("U+000A at position 5");
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("dir", "  "))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("dir must name a directory");
        factory.validate(spec(List.of(0), Map.of("dir", "xk-data/store é")));
    }

    @Test
    void admissionRefusesASizeAboveMaxValueNamingTheWorkload() {
        KernelSpec s = spec(List.of(0), Map.of("maxValue", "1KiB"));
        assertThatThrownBy(() -> factory.admit(s, 0, oneStage("put", 2048)))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("workload 'ingest'")
                .hasMessageContaining("2048B").hasMessageContaining("maxValue 1024B")
                .satisfies(e -> assertThat(((AdmissionException) e).stage()).isZero());
        assertThatThrownBy(() -> factory.admit(s, 0, oneStage("compress", 1025)))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("compress job's largest input");
        factory.admit(s, 0, oneStage("encrypt", 1024));
        // a stage on another kernel is not ours to judge
        factory.admit(s, 1, oneStage("put", 1 << 20));
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(java.util.ServiceLoader.load(io.crosskernel.api.KernelFactory.class).stream()
                .map(p -> p.get().type())).contains("storage", "general");
    }
}
