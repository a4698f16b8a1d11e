package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed file under {@code scenarios/bad} is rejected at the right place with a useful message. */
class ScenarioParserErrorTest {
    private final ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            empty.yaml                          | 1:1   | the scenario file is empty                   | kernels:
            top-level-list.yaml                 | 1:1   | top level of a scenario must be a mapping    | left margin
            syntax-tab.yaml                     | 5:1   | YAML syntax error: found character '\\t(TAB)' | tabs
            syntax-unclosed-flow.yaml           | 2:1   | expected ',' or ']'                          | indentation
            two-documents.yaml                  | 12:1  | more than one YAML document                  | '---'
            misindented-key.yaml                | 4:3   | key 'onError' is indented 2 spaces, less than key 'housekeeping' on line 3 (4 spaces) | give key 'onError' 4 spaces
            undefined-alias.yaml                | 7:5   | alias '*balanced' refers to no anchor        | '&balanced' before this line
            complex-key.yaml                    | 3:3   | a key in the scenario must be a plain name, found a list | valid keys: name
            unknown-top-key.yaml                | 1:1   | unknown key 'dration'                        | did you mean 'duration'?
            duplicate-key.yaml                  | 3:1   | duplicate key 'duration'                     | already set at line 1
            missing-kernels.yaml                | 1:1   | missing the required key 'kernels'           | kernels: [{name
            kernels-not-a-list.yaml             | 2:3   | 'kernels' must be a list, found a mapping    | '- '
            unknown-kernel-type.yaml            | 6:11  | unknown kernel type 'genral'                 | did you mean 'general'? known types: general, test
            bad-kernel-name.yaml                | 5:11  | invalid kernel name 'Worker.1'               | lower-case letters
            duplicate-kernel-name.yaml          | 5:11  | duplicate kernel name 'ingest'               | already used at line 2
            bad-idle.yaml                       | 8:11  | unknown idle strategy 'busyspin'             | did you mean 'busy-spin'?
            backwards-core-range.yaml           | 7:12  | range '4-2' runs backwards                   | "0-3"
            duplicate-core.yaml                 | 7:19  | core 2 is listed twice                       | each core once
            negative-core.yaml                  | 7:13  | -1, outside 0..4095                          | between 0 and 4095
            empty-cores.yaml                    | 7:12  | 'cores' is empty                             | at least one core
            unknown-setting.yaml                | 9:7   | unknown key 'queueDepht' in the settings of kernel 'worker' | did you mean 'queueDepth'?
            invalid-setting.yaml                | 10:7  | queueDepth must be a power of two, got 1000  | 'queueDepth'
            unknown-host-key.yaml               | 3:3   | unknown key 'housekeping_core' in 'host'     | did you mean 'housekeepingCore'?
            host-not-a-mapping.yaml             | 1:7   | 'host' must be a mapping                     | key: value
            bad-boolean.yaml                    | 2:18  | 'oversubscribe' must be true or false, found 'yes' | true or false
            bad-duration.yaml                   | 1:11  | '5 secs' is not a duration                   | duration: 5s
            zero-duration.yaml                  | 1:11  | 'duration' must be greater than zero         | duration: 5s
            seed-not-integer.yaml               | 1:7   | 'seed' must be a whole number, found '4.5'   | 42
            capacity-out-of-range.yaml          | 9:13  | 'capacity' is 0, outside 1..262144             | between 1 and 262144
            bad-backpressure.yaml               | 9:17  | unknown backpressure policy 'drop'           | drop-newest
            bad-topology.yaml                   | 9:13  | unknown topology 'mesh'                      | full-mesh, explicit
            link-unknown-kernel.yaml            | 10:26 | link names unknown kernel 'wroker' in 'to'   | did you mean 'worker'?
            link-to-itself.yaml                 | 11:7  | link from kernel 'worker' to itself          | remove this link
            duplicate-link.yaml                 | 12:7  | duplicate link ingest -> worker              | already listed at line 10
            explicit-missing-link.yaml          | 17:9  | no channel ingest -> worker                  | add '- {from: ingest, to: worker}' under channels.links
            workload-no-kind.yaml               | 9:5   | needs one of 'periodic', 'stream', 'burst' or 'ingress' | stream: {rate: 1k/s}
            workload-two-kinds.yaml             | 11:5  | has both 'periodic' and 'stream'             | split it into two entries
            workload-empty.yaml                 | 8:11  | 'workload' needs at least one entry          | name: orders
            duplicate-workload-name.yaml        | 12:11 | duplicate workload name 'orders'             | already used at line 9
            name-collision.yaml                 | 9:11  | workload name 'worker' is also a kernel name | rename one of them
            stage-unknown-kernel.yaml           | 13:18 | unknown kernel 'wroker' in a stage of workload 'orders' | did you mean 'worker'?
            stage-unknown-key.yaml              | 12:26 | unknown key 'cots'                           | did you mean 'cost'?
            stages-and-kernel.yaml              | 12:5  | has both 'stages' and 'cost' at entry level  | move 'cost' into the stage
            no-stages.yaml                      | 9:5   | it needs 'stages' or 'kernel'                | kernel: ingest
            bad-rate.yaml                       | 10:20 | '20k' is not a rate                          | rate: 20k/s
            bad-arrival.yaml                    | 10:35 | unknown arrival process 'poison'             | did you mean 'poisson'?
            periodic-missing-period.yaml        | 10:15 | 'periodic' is missing the required key 'period' | period: 1ms
            periodic-deadline-outside.yaml      | 11:5  | belongs inside 'periodic'                    | periodic: {period: 1ms, deadline: 1ms}
            weight-out-of-range.yaml            | 12:13 | 'weight' is 0, outside 1..1000000            | between 1 and 1000000
            burst-count-missing.yaml            | 11:7  | 'burst' is missing the required key 'count'  | count: 5000
            expect-unknown-metric.yaml          | 13:5  | unknown kernel metric 'latency.p98'          | did you mean 'worker.latency.p9
            expect-unknown-subject.yaml         | 14:5  | unknown kernel or workload 'wroker'          | did you mean 'worker'?
            expect-single-equals.yaml           | 13:5  | '=' alone is not a comparison                | < <= > >= == !=
            expect-latency-without-unit.yaml    | 13:5  | '2' has no unit, but 'orders.e2e.p99' is a time | 2ms
            expect-kernel-metric-on-workload.yaml | 13:5 | unknown workload metric 'utilisation'       | 'utilisation' is a kernel metric
            expect-boolean-metric.yaml          | 13:5  | 'accounting.balanced' is true or false, not '1' | == true
            """)
    void rejectsMalformedFileAtTheOffendingNode(String file, String lineColumn, String problem, String hint) {
        Path path = Scenarios.resource("bad/" + file);

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parser.parse(path));

        assertThat(e).as("%s must be rejected", file).isNotNull();
        assertThat(e.pos().file()).isEqualTo(path);
        assertThat(e.pos().line() + ":" + e.pos().column()).as(e.getMessage()).isEqualTo(lineColumn);
        assertThat(e.problem()).contains(problem);
        assertThat(e.hint()).contains(hint);
        assertThat(e.getMessage()).startsWith(path + ":" + lineColumn + ": ");
    }

    @Test
    void everyBadFileIsListedInTheTable() throws IOException {
        Path dir = Scenarios.resource("bad/empty.yaml").getParent();
        String source = Files.readString(Path.of("src/test/java/io/crosskernel/hypervisor/scenario/"
                + "ScenarioParserErrorTest.java"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(name -> assertThat(source).contains(name + " "));
        }
    }

    @Test
    void unreadableFileIsReportedAtItsFirstLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> parser.parse(missing))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.pos()).isEqualTo(new SourcePos(missing, 1, 1));
                    assertThat(e.problem()).isEqualTo("there is no such file").doesNotContain("Exception");
                    assertThat(e.hint()).contains("path");
                });
    }

    @Test
    void fileThatIsNotUtf8IsRejectedAtTheFirstBadByte(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'s', 'e', 'e', 'd', ':', ' ', '1', '\n', 'n', 'a', 'm', 'e', ':', ' ',
                (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> parser.parse(latin1))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.pos()).isEqualTo(new SourcePos(latin1, 2, 7));
                    assertThat(e.problem()).startsWith("the file is not UTF-8 text: byte 0xE9");
                    assertThat(e.hint()).startsWith("save it as UTF-8");
                });
    }

    @Test
    void stringScenarioWithoutFileIsReportedAsScenario() {
        assertThatThrownBy(() -> parser.parse("kernels: 3", null))
                .hasMessageStartingWith("<scenario>:1:10: 'kernels' must be a list");
    }

    @Test
    void noInstalledKernelTypesSaysSo() {
        ScenarioParser bare = new ScenarioParser(KernelTypes.of());

        assertThatThrownBy(() -> bare.parse("kernels: [{name: a, type: general, cores: [1]}]\n", null))
                .isInstanceOfSatisfying(ScenarioException.class,
                        e -> assertThat(e.hint()).contains("no kernel types are installed"));
    }

    @Test
    void settingWithAListValueIsRejected() {
        assertThatThrownBy(() -> parser.parse("kernels:\n  - name: a\n    type: general\n    cores: [1]\n"
                + "    settings: {batch: [1, 2]}\n", null))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.pos().line()).isEqualTo(5);
                    assertThat(e.pos().column()).isEqualTo(23);
                    assertThat(e.problem()).contains("setting 'batch' must be a single value, found a list");
                });
    }

    @Test
    void workloadAfterKernelsIsRequired() {
        assertThatThrownBy(() -> parser.parse("kernels: [{name: a, type: general, cores: [1]}]\n", null))
                .hasMessageContaining("missing the required key 'workload'");
    }

    @Test
    void constantStreamFasterThanOneGigahertzIsRejected() {
        assertThatThrownBy(() -> parser.parse("kernels: [{name: a, type: general, cores: [1]}]\n"
                + "workload: [{name: w, stream: {rate: 3G/s, arrival: constant}, kernel: a}]\n", null))
                .hasMessageContaining("above 1G/s");
    }

    @Test
    void duplicateKernelTypesAreRefused() {
        assertThatThrownBy(() -> KernelTypes.of(new TestKernelFactory("x"), new TestKernelFactory("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kernel type 'x' is provided twice");
    }
}
