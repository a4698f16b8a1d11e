package io.crosskernel.bench.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.jvm.JvmOpenings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jcstress tests of this package in jcstress's short {@code sanity} mode, in a child JVM (jcstress forks its
 * own JVMs per test), and fails if any outcome was forbidden or unexpected, or a test did not run. About a minute on
 * two busy cores; the full mode is documented in docs/TESTING.md.
 */
class JcstressQuickTest {
    /** The tests with two actors, which jcstress schedules on a 2-CPU machine (the 3-actor one needs 3 CPUs). */
    private static final List<String> TWO_ACTOR_TESTS = List.of("RecordFieldsTest", "WrapAroundTest",
            "ExactCapacityTest", "CachedConsumerPositionTest", "CounterNeverGoesBackwardsTest", "DrainCheckOrderTest",
            "ReleasedClaimTest");
    private static final long DEADLINE_MINUTES = 4;

    @Test
    @Timeout(value = DEADLINE_MINUTES + 1, unit = TimeUnit.MINUTES)
    void everyChannelAndCounterTestPassesInSanityMode(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("jcstress.out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOpenings.flags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.openjdk.jcstress.Main");
        command.addAll(List.of("-t", "io\\.crosskernel\\.bench\\.jcstress\\..*", "-m", "sanity", "-sc", "false",
                "-time", "200", "-r", dir.resolve("results").toString(), "-v"));
        // Every forked test JVM gets the module openings (Agrona's Unsafe) and no flag combinations beyond them.
        command.add("-jvmArgs");
        command.add(String.join(" ", JvmOpenings.flags()));

        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        String text;
        try {
            boolean finished = process.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES);
            text = read(output);
            assertThat(finished).as("jcstress finished within %d minutes; its output:%n%s", DEADLINE_MINUTES, text)
                    .isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).as("jcstress exit code; its output:%n%s", text).isZero();
        assertThat(text).as("jcstress output").contains("Failed tests: No matches.", "Error tests: No matches.");
        for (String test : TWO_ACTOR_TESTS) {
            assertThat(text).as("jcstress output").contains("[OK] io.crosskernel.bench.jcstress." + test);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
