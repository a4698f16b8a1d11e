package io.crosskernel.hypervisor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.scenario.JvmSettings;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmCommandTest {
    @Test
    void aKernelsJvmSettingsReplaceTheLaunchersHeapAndCollector() {
        JvmSettings jvm = new JvmSettings(64L << 20, "serial", List.of("-XX:+AlwaysPreTouch"), null);

        List<String> command = ChildJvmCommand.of(List.of(), jvm, "Main", List.of("--x", "1"));

        assertThat(command).containsSubsequence("-Xms67108864", "-Xmx67108864", "-XX:+UseSerialGC",
                "-XX:+AlwaysPreTouch", "-cp").endsWith("Main", "--x", "1")
                .contains("-XX:+ExitOnOutOfMemoryError");
        // The test JVM's own collector and heap flags (surefire starts it with -XX:+UseG1GC) are not passed on.
        assertThat(command).filteredOn(JvmSettings::selectsCollector).containsExactly("-XX:+UseSerialGC");
        assertThat(command).filteredOn(JvmSettings::sizesHeap).containsExactly("-Xms67108864", "-Xmx67108864");
    }

    @Test
    void withoutSettingsAKernelProcessTakesTheLaunchersFlags() {
        List<String> command = ChildJvmCommand.of(List.of(), JvmSettings.NONE, "Main", List.of());

        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib:jdwp")) {
                assertThat(command).contains(flag);
            }
        }
        assertThat(command).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(ChildJvmCommand.of(List.of(), "Main", List.of())).doesNotContain("-XX:+ExitOnOutOfMemoryError");
        assertThat(ChildJvmCommand.of(List.of(), new JvmSettings(null, null,
                List.of("-XX:+CrashOnOutOfMemoryError"), null), "Main", List.of()))
                .doesNotContain("-XX:+ExitOnOutOfMemoryError");
    }
}
