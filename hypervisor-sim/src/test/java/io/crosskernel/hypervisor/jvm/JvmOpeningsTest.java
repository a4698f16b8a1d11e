package io.crosskernel.hypervisor.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOpeningsTest {
    @Test
    void theClasspathCopyIsTheListThisTestJvmWasStartedWith() {
        List<String> flags = JvmOpenings.flags();

        assertThat(flags).isNotEmpty().allSatisfy(flag -> assertThat(flag).startsWith("--add-"));
        // surefire starts this JVM with @jvm-openings.args (parent pom): the copy on the classpath is the same list
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(flags);
    }

    @Test
    void opensWhatChronicleAndAgronaNeed() {
        assertThat(JvmOpenings.flags()).contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");
    }
}
