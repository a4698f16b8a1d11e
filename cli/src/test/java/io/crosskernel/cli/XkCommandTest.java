package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI as a user drives it: exit codes, messages, reports. */
@Timeout(60)
class XkCommandTest {
    private static final String SMALL_RUN = TestScenarios.ingestToWorker("name: small\nduration: 300ms\nseed: 3\n",
            "10k/s", "1us", "2us");

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole();

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runPrintsTheReportAndWritesJsonWithTheDocumentedKeys() throws IOException {
        Path scenario = file("small.yaml", SMALL_RUN + "expect:\n  - \"accounting.balanced == true\"\n");
        Path json = dir.resolve("out/r.json");

        int code = console.run("run", scenario.toString(), "--json-report", json.toString(), "--quiet");

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("Kernels", "Channels", "Accounting: balanced", "PASS");
        JsonNode root = ReportSchema.assertValid(json);
        assertThat(root.path("scenario").asText()).isEqualTo("small");
        assertThat(root.path("durationNanos").asLong()).isPositive();
        JsonNode kernel = root.path("kernels").get(0);
        for (String key : new String[] {"name", "type", "cores", "pinned", "tasksCompleted", "messagesIn",
                "messagesOut", "latencyNanos"}) {
            assertThat(kernel.has(key)).as(key).isTrue();
        }
        for (String key : new String[] {"p50", "p99", "p999", "max"}) {
            assertThat(kernel.path("latencyNanos").has(key)).as(key).isTrue();
        }
        JsonNode channel = root.path("channels").get(0);
        for (String key : new String[] {"from", "to", "offered", "delivered", "rejected", "inFlight"}) {
            assertThat(channel.has(key)).as(key).isTrue();
        }
        assertThat(root.path("accounting").path("balanced").asBoolean()).isTrue();
        JsonNode expectation = root.path("expectations").get(0);
        assertThat(expectation.path("expr").asText()).isEqualTo("accounting.balanced == true");
        assertThat(expectation.path("passed").asBoolean()).isTrue();
        assertThat(expectation.has("actual")).isTrue();
    }

    @Test
    void aFailedExpectationExitsWithOne() throws IOException {
        Path scenario = file("strict.yaml", SMALL_RUN + "expect:\n  - \"orders.completed > 1000000000\"\n");

        int code = console.run("run", scenario.toString(), "--quiet");

        assertThat(code).isEqualTo(Xk.EXPECTATION_FAILED);
        assertThat(console.out()).contains("FAIL  orders.completed > 1000000000");
    }

    @Test
    void aBadScenarioGivesFileLineColumnAndExitsTwoWithoutStackTrace() throws IOException {
        Path scenario = file("bad.yaml", "name: bad\ndration: 5s\nkernels: []\n");

        int code = console.run("validate", scenario.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains(scenario + ":2:1").contains("dration").contains("duration");
        assertThat(console.err()).doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path scenario = file("bad.yaml", "name: bad\ndration: 5s\nkernels: []\n");

        int code = console.run("validate", scenario.toString(), "--verbose");

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("\tat ");
    }

    @Test
    void validateRejectsMoreCoresThanTheMachineHasAndSaysHowManyExist() throws IOException {
        int usable = CpuTopology.detect().usableCpus().size();
        Path scenario = file("big.yaml", "name: big\n"
                + "kernels:\n  - {name: huge, type: general, cores: \"0-255\"}\n"
                + "workload:\n  - name: w\n    stream: {rate: 1k/s}\n    kernel: huge\n");

        int code = console.run("validate", scenario.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains(scenario + ":3:").contains(String.valueOf(usable));
    }

    @Test
    void validatePrintsThePartitionPlan() throws IOException {
        Path scenario = file("small.yaml", SMALL_RUN);

        int code = console.run("validate", scenario.toString());

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("is valid", "ingest", "worker", "orders");
    }

    @Test
    void aMissingScenarioFileIsBadInput() {
        int code = console.run("run", dir.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("nope.yaml");
    }

    @Test
    void aMalformedDurationOverrideIsBadInput() throws IOException {
        Path scenario = file("small.yaml", SMALL_RUN);

        int code = console.run("run", scenario.toString(), "--duration", "soon");

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--duration").contains("soon");
    }

    @Test
    void anUnknownOptionIsBadInputWithAHint() {
        int code = console.run("run", "--jsn-report", "x");

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--jsn-report");
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"--version"}, {"run", "--help"}, {"validate", "--help"},
                {"topology", "--help"}, {"run", "--version"}}) {
            assertThat(console.run(args)).as(String.join(" ", args)).isEqualTo(Xk.OK);
        }
        assertThat(console.out()).contains("Usage: xk", "xk run", "--json-report", "Exit codes");
    }

    @Test
    void aCommandLineStartingWithACommandBuildsThatCommandAlone() {
        CommandLine run = Xk.commandLineFor(new String[] {"run", "scenario.yaml", "--sim"});
        CommandLine help = Xk.commandLineFor(new String[] {"help", "run"});
        CommandLine usage = Xk.commandLineFor(new String[] {"--help"});
        CommandLine misspelt = Xk.commandLineFor(new String[] {"rnu", "scenario.yaml"});

        assertThat(run.getSubcommands()).containsOnlyKeys("run");
        assertThat(help.getSubcommands()).containsOnlyKeys(Xk.SUBCOMMANDS.keySet());
        assertThat(usage.getSubcommands()).containsOnlyKeys(Xk.SUBCOMMANDS.keySet());
        assertThat(misspelt.getSubcommands()).containsOnlyKeys(Xk.SUBCOMMANDS.keySet());
    }

    @Test
    void everySubcommandIsRegisteredUnderTheNameItsAnnotationGives() {
        Xk.commandLine().getSubcommands().forEach((name, command) ->
                assertThat(command.getCommandSpec().name()).as(name).isEqualTo(name));
        assertThat(Xk.commandLine().getUsageMessage()).contains("run").contains("sweep").contains("calibrate");
    }

    @Test
    void everyHelpTextFormatsWithoutAWarning() {
        // picocli formats descriptions with String.format and, when one does not format (an unescaped %), prints a
        // "Could not format" warning to System.err and the raw text; so watch System.err while every usage renders.
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream original = System.err;
        StringBuilder usages = new StringBuilder();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            Deque<CommandLine> commands = new ArrayDeque<>();
            commands.add(Xk.commandLine());
            while (!commands.isEmpty()) {
                CommandLine command = commands.poll();
                usages.append(command.getUsageMessage());
                commands.addAll(command.getSubcommands().values());
            }
        } finally {
            System.setErr(original);
        }

        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(usages).contains("0.01 or 1%").contains("(default 1%), at most 1.");
    }

    @Test
    void topologyListsCpusAndKernelTypes() {
        int code = console.run("topology");

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("general").contains("cpu ");
    }
}
