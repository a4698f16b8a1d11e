package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.StageOp;
import org.junit.jupiter.api.Test;

/**
 * The cases docs/SCENARIOS.md once left open, as decided there ("Edge cases"): each test is one decision.
 */
class ScenarioOpenCasesTest {
    private static final String KERNELS = "kernels: [{name: a, type: general, cores: [1]}]\n";
    private static final String WORKLOAD = "workload: [{name: w, stream: {rate: 1k/s}, kernel: a}]\n";

    private final ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());

    private ScenarioException reject(String text) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parser.parse(text, null));
        assertThat(e).as("must be rejected:%n%s", text).isNotNull();
        return e;
    }

    @Test
    void quotedNumbersAndBooleansMeanWhatTheyQuote() {
        Scenario s = parser.parse("seed: \"12\"\nhost: {housekeeping: 'false', oversubscribe: \"TRUE\"}\n"
                + "channels: {capacity: '64'}\n" + KERNELS + WORKLOAD, null);

        assertThat(s.seed()).isEqualTo(12);
        assertThat(s.host().housekeeping()).isFalse();
        assertThat(s.host().oversubscribe()).isTrue();
        assertThat(s.links()).isEmpty(); // one kernel, no channel: the capacity only had to parse
    }

    @Test
    void enumeratedValuesIgnoreCase() {
        Scenario s = parser.parse("host: {onError: STOP}\n"
                + "kernels: [{name: a, type: general, cores: [1], idle: Busy-Spin}]\n"
                + "workload:\n"
                + "  - {name: w, stream: {rate: 1k/s, arrival: Constant}, kernel: a, op: SPIN}\n"
                + "  - {name: n, ingress: {protocol: TCP}, kernel: a}\n", null);

        assertThat(s.host().onError()).isEqualTo(HostSettings.OnError.STOP);
        assertThat(s.kernels().get(0).idle()).isEqualTo("busy-spin");
        assertThat(s.workloads().get(0).route().stage(0).op()).isEqualTo(StageOp.SPIN);
        assertThat(((ExternalArrivals) s.workloads().get(1).schedule()).protocol()).isEqualTo("tcp");
    }

    @Test
    void keysStayCaseSensitive() {
        assertThat(reject("Seed: 1\n" + KERNELS + WORKLOAD).problem()).isEqualTo("unknown key 'Seed' in the scenario");
    }

    @Test
    void aPeriodicDeadlineAboveItsPeriodIsAcceptedSilently() {
        Scenario s = parser.parse(KERNELS + "workload: [{name: w, periodic: {period: 1ms, deadline: 5ms},"
                + " kernel: a, cost: 10us}]\n", null);

        assertThat(s.workloads().get(0).route().deadlineNanos()).isEqualTo(5_000_000);
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void aDeadlineBelowTheStagesCostIsAcceptedWithAWarningAtTheDeadline() {
        Scenario s = parser.parse(KERNELS + "workload:\n"
                + "  - {name: w, periodic: {period: 1ms, deadline: 10us}, kernel: a, cost: 50us}\n"
                + "  - name: v\n    periodic: {period: 20us}\n    stages: [{kernel: a, cost: 15us},"
                + " {kernel: a, cost: 10us}]\n", null);

        assertThat(s.warnings()).extracting(ScenarioWarning::toString).containsExactly(
                "<scenario>:3:49: every request of workload 'w' will miss its deadline: 10us is less than the 50us"
                        + " of work its stages cost (make the deadline at least 50us, or lower the stages' cost)",
                "<scenario>:5:24: every request of workload 'v' will miss its deadline: 20us is less than the 25us"
                        + " of work its stages cost (make the deadline at least 25us, or lower the stages' cost)");
    }

    @Test
    void aNameThatStartsARunWideMetricIsRefused() {
        ScenarioException kernel = reject(KERNELS.replace("name: a", "name: accounting")
                + WORKLOAD.replace("kernel: a", "kernel: accounting"));
        ScenarioException workload = reject(KERNELS + WORKLOAD.replace("name: w", "name: accounting"));

        assertThat(kernel.problem()).isEqualTo("'accounting' cannot name a kernel: the run-wide metric"
                + " 'accounting.balanced' starts with it, so 'accounting.balanced' in 'expect:' would be ambiguous");
        assertThat(workload.problem()).startsWith("'accounting' cannot name a workload");
        // Run-wide metrics without a dot cannot clash with '<name>.<metric>'.
        assertThat(parser.parse(KERNELS.replace("name: a", "name: errors")
                + WORKLOAD.replace("kernel: a", "kernel: errors"), null).kernels().get(0).name()).isEqualTo("errors");
    }

    @Test
    void aHousekeepingCoreWithoutHousekeepingIsRefusedAtTheCore() {
        ScenarioException e = reject("host:\n  housekeeping: false\n  housekeepingCore: 0\n" + KERNELS + WORKLOAD);

        assertThat(e.pos()).isEqualTo(new SourcePos(null, 3, 3));
        assertThat(e.problem()).startsWith("'housekeepingCore' is set but 'housekeeping' is false");
        assertThat(e.hint()).isEqualTo("remove 'housekeepingCore', or set 'housekeeping: true'");
    }

    @Test
    void yamlTagsAreRefusedWhereverTheyAre() {
        ScenarioException include = reject("name: !include other.yaml\n" + KERNELS + WORKLOAD);
        ScenarioException binary = reject(KERNELS + WORKLOAD + "description: !!binary aGVsbG8=\n");
        ScenarioException onAMapping = reject("host: !!map {housekeeping: true}\n" + KERNELS + WORKLOAD);
        ScenarioException str = reject("seed: !!str 12\n" + KERNELS + WORKLOAD);

        assertThat(include.pos()).isEqualTo(new SourcePos(null, 1, 7));
        assertThat(include.problem()).isEqualTo("YAML tags are not supported, found '!include'");
        assertThat(binary.problem()).isEqualTo("YAML tags are not supported, found '!!binary'");
        assertThat(onAMapping.problem()).isEqualTo("YAML tags are not supported, found '!!map'");
        assertThat(str.problem()).isEqualTo("YAML tags are not supported, found '!!str'");
    }

    @Test
    void namesAreAtMost64Characters() {
        String longest = "a".repeat(ScenarioLimits.MAX_NAME_LENGTH);

        assertThat(parser.parse(KERNELS.replace("name: a", "name: " + longest)
                + WORKLOAD.replace("kernel: a", "kernel: " + longest), null).kernels().get(0).name())
                .isEqualTo(longest);
        assertThat(reject(KERNELS.replace("name: a", "name: " + longest + "b")).problem())
                .endsWith("is longer than 64 characters");
        assertThat(reject("name: " + "s".repeat(100_000) + "\n" + KERNELS + WORKLOAD).problem())
                .isEqualTo("'name' '" + "s".repeat(40) + "… (100000 characters)' is longer than 200 characters");
        assertThat(parser.parse("name: " + "s".repeat(200) + "\n" + KERNELS + WORKLOAD, null).name()).hasSize(200);
    }
}
