package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated run's report does not depend on the JDK: the quick start simulated in a child JVM on JDK 25 writes the
 * same JSON bytes as in this JVM (JDK 17). The child gets the JVM flags the {@code xk} launcher gives a run (but the
 * 1 GiB pre-touched heap), so the test also shows that they are accepted on JDK 25.
 *
 * <p>The JDK 25 is {@code $XK_JDK25} (a JDK's home) or the first {@code /usr/lib/jvm/*25*}; without one the test is
 * skipped, saying so in one line.
 */
@Timeout(600)
class Jdk25DeterminismTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final Path OPENINGS = Path.of("..", "jvm-openings.args");
    /** What ./xk passes to a run's JVM, less the heap sizing (-Xmn512m -Xms1g -Xmx1g -XX:+AlwaysPreTouch). */
    private static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseG1GC", "-XX:+PerfDisableSharedMem",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0", "-Xss1m");

    @TempDir
    Path dir;

    @Test
    void theQuickStartSimulatedOnJdk25GivesTheSameJsonBytesAsOnThisJdk() throws Exception {
        Path java = jdk25Java();
        if (java == null) {
            System.out.println("Jdk25DeterminismTest: skipped, no JDK 25 (set XK_JDK25 or install one under "
                    + "/usr/lib/jvm)");
            Assumptions.abort("no JDK 25");
        }
        Path here = dir.resolve("jdk17.json");
        XkConsole xk = new XkConsole();
        assertThat(xk.run("run", QUICKSTART.toString(), "--sim", "--quiet", "--json-report", here.toString()))
                .as(xk.err()).isZero();

        Path there = dir.resolve("jdk25.json");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(LAUNCHER_FLAGS);
        command.add("@" + OPENINGS.toAbsolutePath());
        command.add("-XshowSettings:properties"); // prints the JVM's version into the log, to check it is 25
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Xk.class.getName(), "run",
                QUICKSTART.toString(), "--sim", "--quiet", "--json-report", there.toString()));
        Path log = dir.resolve("jdk25.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the JDK 25 run ended").isTrue();
            assertThat(child.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("java.specification.version = 25");
        assertThat(Files.readAllBytes(there)).isEqualTo(Files.readAllBytes(here));
    }

    /** {@code $XK_JDK25/bin/java}, else the first JDK under /usr/lib/jvm whose name has 25, else null. */
    private static Path jdk25Java() throws IOException {
        String home = System.getenv("XK_JDK25");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "bin", "java");
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.filter(p -> p.getFileName().toString().contains("25"))
                    .map(p -> p.resolve("bin").resolve("java")).filter(Files::isExecutable).sorted().findFirst()
                    .orElse(null);
        }
    }
}
