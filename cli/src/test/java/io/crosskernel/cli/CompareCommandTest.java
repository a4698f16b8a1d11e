package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk compare A.json B.json}: two reports side by side with ratios, and its bad input. */
@Timeout(120)
class CompareCommandTest {
    private static final String SCENARIO = "name: pair\nduration: 500ms\nseed: 3\nhost: {housekeeping: false}\n"
            + "kernels:\n  - {name: ingest, type: general, cores: [0], idle: busy-spin}\n"
            + "  - {name: worker, type: general, cores: [1], idle: busy-spin}\n"
            + "workload:\n  - name: orders\n    stream: {rate: 5k/s}\n"
            + "    stages: [{kernel: ingest, cost: 2us}, {kernel: worker, cost: 10us}]\n";

    @TempDir
    Path dir;

    @Test
    void putsTwoReportsSideBySideWithRatios() throws IOException {
        Path scenario = Files.writeString(dir.resolve("pair.yaml"), SCENARIO);
        Path slow = Files.writeString(dir.resolve("slow.yaml"), "hop: 100us\n");
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report",
                dir.resolve("a.json").toString())).isZero();
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--calibration", slow.toString(),
                "--json-report", dir.resolve("b.json").toString())).isZero();

        assertThat(xk.run("compare", dir.resolve("a.json").toString(), dir.resolve("b.json").toString()))
                .as(xk.err()).isZero();
        String out = xk.out();
        assertThat(out).contains("A: " + dir.resolve("a.json")).contains("pair, simulated, seed 3");
        assertThat(out).contains("Kernels").contains("Workloads").contains("Pipeline stages");
        // The same arrivals and costs: each stage alone is unchanged, the hop adds 100us end to end.
        String orders = out.lines().filter(l -> l.trim().startsWith("orders ")).findFirst().orElseThrow();
        String[] cells = orders.trim().split("\\s+");
        assertThat(cells[1]).isEqualTo(cells[2]);
        assertThat(Double.parseDouble(cells[5].replace("x", ""))).isGreaterThan(4);
        assertThat(out.lines().filter(l -> l.contains("orders[0 ingest]")).findFirst().orElseThrow())
                .contains("1.00x");
    }

    @Test
    void aFileThatIsNotAReportIsBadInput() throws IOException {
        XkConsole xk = new XkConsole(true);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"schemaVersion\": \"1.1\",\n  oops\n}\n");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"name\": 1}\n");
        assertThat(xk.run("compare", broken.toString(), other.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("broken.json:3:").contains("not JSON");
        assertThat(xk.run("compare", other.toString(), broken.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("other.json:1:1").contains("not a run report");
        assertThat(xk.run("compare", dir.resolve("missing.json").toString(), other.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("missing.json").contains("no such file");
    }
}
