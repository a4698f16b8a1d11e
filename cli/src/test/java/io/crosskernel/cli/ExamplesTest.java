package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example is a valid scenario on this machine, and admission control answers through the CLI. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidates(Path example) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Xk.execute(new String[] {"validate", example.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isEqualTo(Xk.OK);
        assertThat(out.toString()).contains("is valid");
    }

    @Test
    void theFlagshipAndItsBaselineExist() throws IOException {
        assertThat(examples()).extracting(p -> p.getFileName().toString()).contains("quickstart.yaml",
                "mixed-criticality.yaml", "monolithic.yaml", "realtime.yaml", "io.yaml", "storage.yaml",
                "compute.yaml");
    }

    @Test
    void anUnschedulableRealtimeTaskSetIsBadInputNamingUtilisationTaskAndResponseTime(@TempDir Path dir)
            throws IOException {
        // Textbook: T=(5ms, 7ms), C=(2ms, 4ms) is schedulable under preemptive EDF (U = 0.971) but not under
        // rate-monotonic. The kernel runs jobs to completion, so its analysis also charges task 'a' with 4ms of
        // blocking by 'b' and rejects the set at 'a'.
        Path scenario = dir.resolve("rm.yaml");
        Files.writeString(scenario, "name: rm\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: rt, type: realtime, cores: [1], settings: {policy: rm}}\n"
                + "workload:\n"
                + "  - {name: a, periodic: {period: 5ms}, kernel: rt, cost: 2ms}\n"
                + "  - {name: b, periodic: {period: 7ms}, kernel: rt, cost: 4ms}\n");
        StringWriter err = new StringWriter();

        int code = Xk.execute(new String[] {"validate", scenario.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        // At the stage of the failing task, the thing to change, not at the kernel.
        assertThat(err.toString()).contains(scenario + ":6:40: ").contains("utilisation 0.971")
                .contains("task 'a'").contains("worst-case response time 6ms > deadline 5ms").doesNotContain("\tat ");
    }
}
