package io.crosskernel.hypervisor.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCollectorTest {
    @Test
    void namesEachCollectorByItsBeans() {
        assertThat(JvmCollector.of(List.of("G1 Young Generation", "G1 Old Generation"))).isEqualTo("G1");
        assertThat(JvmCollector.of(List.of("ZGC Cycles", "ZGC Pauses"))).isEqualTo("ZGC");
        assertThat(JvmCollector.of(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("Parallel");
        assertThat(JvmCollector.of(List.of("Copy", "MarkSweepCompact"))).isEqualTo("Serial");
        assertThat(JvmCollector.of(List.of("Shenandoah Pauses", "Shenandoah Cycles"))).isEqualTo("Shenandoah");
        assertThat(JvmCollector.of(List.of())).isEqualTo("Epsilon");
        assertThat(JvmCollector.of(List.of("Custom A", "Custom B"))).isEqualTo("Custom A, Custom B");
    }

    @Test
    void namesThisJvmsCollector() {
        assertThat(JvmCollector.name()).isNotBlank();
    }
}
