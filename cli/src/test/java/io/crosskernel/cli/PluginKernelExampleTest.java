package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosskernel.cli.plugins.PluginJarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/plugin-kernel end to end, as its README tells a user: compile the example into a plugin jar (against
 * kernel-api only), then {@code xk run --plugins DIR examples/plugin-kernel/scenario.yaml}, and read the limiter's
 * figures from the JSON report.
 */
@Timeout(120)
class PluginKernelExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "plugin-kernel");
    private static final Path SCENARIO = EXAMPLE.resolve("scenario.yaml");

    @TempDir
    Path work;

    private Path buildPluginDirectory() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJarBuilder.fromTree(EXAMPLE.resolve("src/main/java"), EXAMPLE.resolve("src/main/resources"), work,
                plugins.resolve("ratelimit.jar"));
        return plugins;
    }

    @Test
    void runsTheExampleScenarioThroughPluginsAndReportsTheLimitersFigures() throws IOException {
        Path plugins = buildPluginDirectory();
        Path json = work.resolve("report.json");
        XkConsole console = new XkConsole();

        int code = console.run("run", "--plugins", plugins.toString(), SCENARIO.toString(), "--quiet",
                "--json-report", json.toString());

        assertThat(code).as(console.err() + console.out()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("limiter", "ratelimit", "Accounting: balanced");
        JsonNode report = ReportSchema.assertValid(json);
        JsonNode limiter = kernel(report, "limiter");
        assertThat(limiter.path("type").asText()).isEqualTo("ratelimit");
        JsonNode details = limiter.path("details");
        long admitted = details.path("admitted").asLong();
        long shed = details.path("shed").asLong();
        long generated = workload(report, "orders").path("generated").asLong()
                + workload(report, "pings").path("generated").asLong();
        // every request reached the limiter (retry channels drop nothing before it) and was let through or shed
        assertThat(admitted + shed).isEqualTo(generated);
        assertThat(shed).as("5.2k/s offered to a 2k/s limiter").isPositive();
        assertThat(details.path("ratePerSecond").asDouble()).isEqualTo(2000.0);
        assertThat(details.path("burst").asLong()).isEqualTo(100);
        // orders go on to the worker; pings complete at the limiter
        assertThat(details.path("forwarded").asLong()).isEqualTo(workload(report, "orders").path("completed")
                .asLong());
        assertThat(details.path("completedHere").asLong()).isEqualTo(workload(report, "pings").path("completed")
                .asLong());
        assertThat(workload(report, "orders").path("dropped").asLong()
                + workload(report, "pings").path("dropped").asLong()).isEqualTo(shed);
        // a token bucket never lets through more than its burst plus its rate over the time it ran
        double seconds = report.path("durationNanos").asLong() / 1e9 + 1; // + a second for the drain
        assertThat((double) admitted).isLessThanOrEqualTo(100 + 2000 * seconds);
        assertThat(report.path("accounting").path("balanced").asBoolean()).isTrue();
    }

    @Test
    void xkPluginsInTheEnvironmentNamesThePluginDirectory() throws IOException, InterruptedException {
        Path plugins = buildPluginDirectory();
        Path output = work.resolve("validate.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Xk.class.getName(), "validate",
                SCENARIO.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("XK_PLUGINS", plugins.toString());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("xk validate finished").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isEqualTo(Xk.OK);
            assertThat(printed).contains("limiter: ratelimit");
        } finally {
            process.destroyForcibly();
        }
    }

    private static JsonNode kernel(JsonNode report, String name) {
        return JsonReportTest.find(report.path("kernels"), name);
    }

    private static JsonNode workload(JsonNode report, String name) {
        return JsonReportTest.find(report.path("workloads"), name);
    }
}
