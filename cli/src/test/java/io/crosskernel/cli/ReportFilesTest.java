package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk run --html-report} and {@code --hgrm} as a user drives them. */
@Timeout(60)
class ReportFilesTest {
    private static final String RUN = TestScenarios.ingestToWorker("name: files\nduration: 300ms\nseed: 3\n",
            "5k/s", "1us", "2us");

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole();

    @Test
    void writesTheHtmlReportAndAnHgrmFilePerKernelAndRoute() throws IOException {
        Path scenario = Files.writeString(dir.resolve("files.yaml"), RUN);
        Path html = dir.resolve("out/report.html");
        Path hgrm = dir.resolve("hgrm");

        int code = console.run("run", scenario.toString(), "--quiet", "--html-report", html.toString(), "--hgrm",
                hgrm.toString());

        assertThat(code).as(console.out() + "\n" + console.err()).isEqualTo(Xk.OK);
        assertThat(html).isRegularFile();
        assertThat(Files.readString(html)).contains("<svg", "Latency by percentile", "files", "ingest → worker");
        for (String name : new String[] {"ingest.latency.hgrm", "worker.latency.hgrm", "ingest.lateness.hgrm",
                "route-orders.e2e.hgrm"}) {
            assertThat(hgrm.resolve(name)).isRegularFile();
            assertThat(console.out()).contains("HdrHistogram percentiles written to " + hgrm.resolve(name));
            assertThat(Files.readString(hgrm.resolve(name))).contains("Percentile", "#[Mean");
        }
        assertThat(console.out()).contains("HTML report written to " + html);
    }

    @Test
    void anHgrmPathThatIsAFileExitsTwoBeforeTheRun() throws IOException {
        Path scenario = Files.writeString(dir.resolve("files.yaml"), RUN);
        Path file = Files.writeString(dir.resolve("taken"), "x");

        int code = console.run("run", scenario.toString(), "--quiet", "--hgrm", file.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--hgrm " + file + ": is a file, not a directory");
        assertThat(console.err()).doesNotContain("\tat ");
        assertThat(console.out()).doesNotContain("running");
    }

    @Test
    void anHtmlReportPathThatIsADirectoryExitsTwoBeforeTheRun() throws IOException {
        Path scenario = Files.writeString(dir.resolve("files.yaml"), RUN);

        int code = console.run("run", scenario.toString(), "--quiet", "--html-report", dir.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--html-report", "is a directory");
        assertThat(console.out()).doesNotContain("running");
    }
}
