package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What process isolation accepts in this release, and what it refuses at the line to change (exit 2). */
class ProcessIsolationScenarioTest {
    private static final ScenarioParser PARSER = new ScenarioParser(KernelTypes.load());

    private static String scenario(String host, String middle, String firstStage) {
        return "host: {housekeeping: false" + host + "}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0]}\n"
                + "  - {name: middle, " + middle + ", cores: [1]}\n"
                + "workload:\n"
                + "  - name: orders\n    stream: {rate: 1k/s}\n"
                + "    stages:\n"
                + "      - {kernel: " + firstStage + ", cost: 1us}\n"
                + "      - {kernel: middle, cost: 2us}\n";
    }

    private static Scenario parse(String yaml) {
        return PARSER.parse(yaml, Path.of("s.yaml"));
    }

    @Test
    void kernelsRunInThreadsUnlessTheScenarioSaysOtherwise() {
        Scenario scenario = parse(scenario("", "type: general", "ingest"));

        assertThat(scenario.kernels()).allSatisfy(k -> assertThat(k.isolation()).isEqualTo(Isolation.THREAD));
        assertThat(scenario.host().isolation()).isEqualTo(Isolation.THREAD);
    }

    @Test
    void aKernelsOwnIsolationOverridesTheHostDefault() {
        Scenario scenario = parse(scenario(", isolation: process", "type: general", "middle")
                .replace("{name: ingest, type: general,", "{name: ingest, type: general, isolation: thread,")
                .replace("{kernel: middle, cost: 1us}", "{kernel: ingest, cost: 1us}"));

        assertThat(scenario.kernel("ingest").isolation()).isEqualTo(Isolation.THREAD);
        assertThat(scenario.kernel("middle").isolation()).isEqualTo(Isolation.PROCESS);
    }

    @Test
    void refusesAnUnknownIsolation() {
        assertThatThrownBy(() -> parse(scenario("", "type: general, isolation: vm", "ingest")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:4:")
                .hasMessageContaining("isolation");
    }

    @Test
    void refusesAKernelTypeThatCannotRunInAProcessYet() {
        assertThatThrownBy(() -> parse(scenario("", "type: storage, isolation: process", "ingest")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:4:")
                .hasMessageContaining("kernel 'middle' (type 'storage') cannot run in a process of its own yet")
                .hasMessageContaining("only general, realtime, compute kernels can");
    }

    @Test
    void realtimeAndComputeKernelsMayRunInAProcess() {
        assertThat(parse(scenario("", "type: realtime, isolation: process,"
                + " settings: {sporadic: \"orders=1ms\"}", "ingest")).kernel("middle").inProcess())
                .isTrue();
        assertThat(parse(scenario("", "type: compute, isolation: process", "ingest")).kernel("middle").inProcess())
                .isTrue();
    }

    @Test
    void aWorkloadMayStartInAProcessKernel() {
        Scenario scenario = parse(scenario(", onKernelFailure: continue", "type: general, isolation: process",
                "middle"));

        assertThat(scenario.workloads().get(0).route().stage(0).kernelId())
                .isEqualTo(scenario.kernel("middle").id());
        assertThat(scenario.kernel("middle").inProcess()).isTrue();
    }

    @Test
    void refusesARestartPolicyWhenAWorkloadStartsInAProcessKernel() {
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: restart", "type: general, isolation: process",
                "middle")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:9:")
                .hasMessageContaining("workload 'orders' starts on kernel 'middle', which runs in a process")
                .hasMessageContaining("onKernelFailure is 'restart'");
    }

    @Test
    void readsEachKernelFailurePolicy() {
        assertThat(parse(scenario("", "type: general", "ingest")).host().onKernelFailure())
                .isEqualTo(KernelFailurePolicy.STOP);
        assertThat(parse(scenario(", onKernelFailure: stop", "type: general", "ingest")).host().onKernelFailure())
                .isEqualTo(KernelFailurePolicy.STOP);
        assertThat(parse(scenario(", onKernelFailure: continue", "type: general", "ingest")).host()
                .onKernelFailure().action()).isEqualTo(KernelFailurePolicy.Action.CONTINUE);
        assertThat(parse(scenario(", onKernelFailure: restart", "type: general", "ingest")).host().onKernelFailure())
                .isEqualTo(new KernelFailurePolicy(KernelFailurePolicy.Action.RESTART,
                        KernelFailurePolicy.DEFAULT_ATTEMPTS, KernelFailurePolicy.DEFAULT_BACKOFF_NANOS));
        KernelFailurePolicy written = parse(scenario(", onKernelFailure: {policy: restart, attempts: 5, backoff: 50ms}",
                "type: general", "ingest")).host().onKernelFailure();
        assertThat(written).isEqualTo(new KernelFailurePolicy(KernelFailurePolicy.Action.RESTART, 5, 50_000_000L));
        assertThat(written.backoffBefore(1)).isEqualTo(50_000_000L);
        assertThat(written.backoffBefore(3)).isEqualTo(200_000_000L);
    }

    @Test
    void refusesAnUnknownKernelFailurePolicy() {
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: restrat", "type: general", "ingest")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:1:")
                .hasMessageContaining("unknown onKernelFailure value 'restrat'").hasMessageContaining("restart");
    }

    @Test
    void refusesBadRestartSettings() {
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: {policy: restart, attempts: 0}", "type: general",
                "ingest"))).isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:1:")
                .hasMessageContaining("'attempts' is 0, outside 1..100");
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: {policy: restart, backoff: soon}",
                "type: general", "ingest"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.yaml:1:");
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: {policy: restart, backoff: 2m}",
                "type: general", "ingest"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("more than 1m");
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: {policy: continue, attempts: 2}",
                "type: general", "ingest"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("'attempts' is a setting of 'policy: restart', not of 'policy: continue'");
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: {attempts: 2}", "type: general", "ingest")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("policy");
        assertThatThrownBy(() -> parse(scenario(", onKernelFailure: {policy: restart, tries: 2}", "type: general",
                "ingest"))).isInstanceOf(ScenarioException.class).hasMessageContaining("unknown key 'tries'");
    }

    @Test
    void readsAProcessKernelsJvmSettings() {
        Scenario scenario = parse(scenario("", "type: general, isolation: process, jvm: {heap: 256m, collector: ZGC,"
                + " options: [-XX:+AlwaysPreTouch, '-Dx=1']}", "ingest"));

        JvmSettings jvm = scenario.kernel("middle").jvm();
        assertThat(jvm.heapBytes()).isEqualTo(256L << 20);
        assertThat(jvm.collector()).isEqualTo("zgc");
        assertThat(jvm.flags()).containsExactly("-Xms268435456", "-Xmx268435456", "-XX:+UseZGC",
                "-XX:+AlwaysPreTouch", "-Dx=1");
        assertThat(scenario.kernel("ingest").jvm()).isEqualTo(JvmSettings.NONE);
        assertThat(parse(scenario("", "type: general, isolation: process, jvm: {heap: 1GiB}", "ingest"))
                .kernel("middle").jvm().heapBytes()).isEqualTo(1L << 30);
        assertThat(parse(scenario("", "type: general, isolation: process, jvm: {heap: 2g}", "ingest"))
                .kernel("middle").jvm().heapBytes()).isEqualTo(2L << 30);
    }

    @Test
    void refusesJvmSettingsOnAKernelInThreads() {
        assertThatThrownBy(() -> parse(scenario("", "type: general, jvm: {heap: 256m}", "ingest")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:4:")
                .hasMessageContaining("kernel 'middle' runs in threads of the host's JVM, so it has no JVM of its own")
                .hasMessageContaining("isolation: process");
    }

    @Test
    void refusesBadJvmSettings() {
        assertBad("jvm: {heap: lots}", "s.yaml:4:", "'heap' 'lots' is not a size");
        assertBad("jvm: {heap: 16m}", "s.yaml:4:", "is below 32m");
        assertBad("jvm: {collector: cms}", "s.yaml:4:", "unknown collector 'cms'");
        assertBad("jvm: {heep: 256m}", "s.yaml:4:", "unknown key 'heep'");
        assertBad("jvm: {options: -Xss1m}", "s.yaml:4:", "'options' must be a list");
        assertBad("jvm: {options: [Xss1m]}", "s.yaml:4:", "JVM option 'Xss1m' is not an option");
        assertBad("jvm: {options: [-cp, x.jar]}", "s.yaml:4:", "JVM option '-cp' is the launcher's to set");
        assertBad("jvm: {options: [-XX:+UseZGC]}", "s.yaml:4:", "selects a collector");
        assertBad("jvm: {options: [-Xmx1g]}", "s.yaml:4:", "sizes the heap");
        assertBad("jvm: 256m", "s.yaml:4:", "jvm");
    }

    private static void assertBad(String jvm, String where, String message) {
        assertThatThrownBy(() -> parse(scenario("", "type: general, isolation: process, " + jvm, "ingest")))
                .as(jvm).isInstanceOf(ScenarioException.class).hasMessageContaining(where)
                .hasMessageContaining(message);
    }
}
