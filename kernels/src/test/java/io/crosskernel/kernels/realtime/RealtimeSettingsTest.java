package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealtimeSettingsTest {

    @Test
    void missingKeysTakeTheDocumentedDefaults() {
        RealtimeSettings s = RealtimeSettings.parse(Map.of());
        assertThat(s).isEqualTo(RealtimeSettings.defaults());
        assertThat(s.policy()).isEqualTo(RtPolicy.EDF);
        assertThat(s.spinAheadNanos()).isEqualTo(50_000);
        assertThat(s.overrunSlackNanos()).isEqualTo(10_000);
        assertThat(s.queueDepth()).isEqualTo(1024);
        assertThat(s.sporadicNanos()).isEmpty();
    }

    @Test
    void parsesEverySettingAsPeopleWriteIt() {
        RealtimeSettings s = RealtimeSettings.parse(Map.of("policy", " DM ", "spinAhead", "20us",
                "overrunSlack", "0", "sporadic", "orders=200us, alerts = 1ms", "queueDepth", "4_096"));
        assertThat(s.policy()).isEqualTo(RtPolicy.DM);
        assertThat(s.spinAheadNanos()).isEqualTo(20_000);
        assertThat(s.overrunSlackNanos()).isZero();
        assertThat(s.queueDepth()).isEqualTo(4096);
        assertThat(s.sporadicNanos()).containsExactly(Map.entry("orders", 200_000L), Map.entry("alerts", 1_000_000L));
        assertThat(s.sporadicNanosOf("alerts")).isEqualTo(1_000_000L);
        assertThat(s.sporadicNanosOf("other")).isEqualTo(-1);
    }

    @Test
    void rejectsWrongValuesNamingTheKeyAndAnExample() {
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("policy", "fifo")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("edf")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("policy"));
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("sporadic", "orders")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("orders=200us");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("sporadic", "orders=fast")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("orders");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("sporadic", "a=1ms,a=2ms")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("sporadic", "a=0")))
                .hasMessageContaining("above zero");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("spinAhead", "1")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("spinAhead: 50us");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("spinAhead", "1s")))
                .hasMessageContaining("between 0 and 10ms");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("queueDepth", "0")))
                .hasMessageContaining("queueDepth");
        assertThatThrownBy(() -> RealtimeSettings.parse(Map.of("batch", "8")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("unknown setting 'batch'");
    }
}
