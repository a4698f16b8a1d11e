package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a release after the end of the run is warned about at {@code xk validate}, and again at {@code xk run}
 * when {@code --duration} makes the run too short for it; the run itself goes ahead.
 */
@Timeout(60)
class RunDurationWarningTest {
    private static final String SCENARIO = TestScenarios.ingestToWorker("name: late\nduration: 3s\n", "1k/s", "1us",
            "1us") + "  - name: spike\n    burst: {at: 1s, count: 10}\n    kernel: ingest\n";

    @TempDir
    Path dir;

    @Test
    void aDurationOverrideThatCutsABurstIsWarnedAboutBeforeTheRun() throws IOException {
        Path file = dir.resolve("late.yaml");
        Files.writeString(file, SCENARIO);
        XkConsole console = new XkConsole(true);

        assertThat(console.run("validate", file.toString())).isEqualTo(Xk.OK);
        assertThat(console.err()).isEmpty();

        int code = console.run("run", file.toString(), "--duration", "300ms", "--quiet");

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.err()).isEqualTo("warning: " + file + ":12:17: workload 'spike' releases nothing: its"
                + " first release at 1s falls at or after the end of the run at 300ms (release it before 300ms, or"
                + " make the run longer)" + System.lineSeparator());
        assertThat(console.out()).contains("Accounting: balanced");
    }
}
