package io.crosskernel.bench.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The scenarios the isolation set-ups build in code, the command line the child JVMs get, and the set-up row a child
 * writes back: each must say what the set-up claims, or a figure would be measured on the wrong cores.
 */
class IsolationScenariosTest {
    private static final IsolationBenchmark.Settings SETTINGS =
            new IsolationBenchmark.Settings(3, 0.5, "realtime", 8000, 100_000, 400);

    private static Scenario parse(String yaml) {
        return new ScenarioParser(KernelTypes.load()).parse(yaml, Path.of("test.yaml"));
    }

    private static List<String> kernels(Scenario s) {
        return s.kernels().stream().map(k -> k.name() + ":" + k.type() + k.cores()).toList();
    }

    private static List<String> workloads(Scenario s) {
        return s.workloads().stream().map(WorkloadDecl::name).toList();
    }

    @Test
    void partitionedPutsThePeriodicTaskAloneOnCore1AndTheInterferenceOnCore0() {
        Scenario s = parse(IsolationBenchmark.partitionedYaml(SETTINGS));
        assertThat(kernels(s)).containsExactly("rt:realtime[1]", "noisy:general[0]");
        assertThat(workloads(s)).containsExactly("control", "interference");
    }

    @Test
    void theOwnJvmHalvesSplitThePartitionedScenarioBetweenThem() {
        Scenario realtime = parse(IsolationBenchmark.ownJvmRealtimeYaml(SETTINGS));
        assertThat(kernels(realtime)).containsExactly("rt:realtime[1]");
        assertThat(workloads(realtime)).containsExactly("control");
        assertThat(realtime.durationNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(realtime.warmupNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));

        Scenario noise = parse(IsolationBenchmark.ownJvmNoiseYaml(SETTINGS, 125));
        assertThat(kernels(noise)).containsExactly("noisy:general[0]");
        assertThat(workloads(noise)).containsExactly("interference");
        assertThat(noise.durationNanos()).as("runs for the time asked, not the measurement's")
                .isEqualTo(TimeUnit.SECONDS.toNanos(125));
        assertThat(noise.warmupNanos()).isZero();

        KernelDecl rt = realtime.kernels().get(0);
        assertThat(rt.idle()).isEqualTo("busy-spin");
    }

    @Test
    void theRtTypeOptionChoosesTheRealtimeKernelsType() {
        IsolationBenchmark.Settings general = new IsolationBenchmark.Settings(3, 0.5, "general", 8000, 100_000, 400);
        assertThat(kernels(parse(IsolationBenchmark.ownJvmRealtimeYaml(general)))).containsExactly("rt:general[1]");
    }

    @Test
    void childArgumentsParseBackToTheSameSettings() {
        List<String> args = new java.util.ArrayList<>(IsolationBenchmark.arguments(SETTINGS));
        args.addAll(List.of("--role", OwnJvmPartition.ROLE_REALTIME, "--out", "x.json"));
        IsolationBenchmark.Options options = IsolationBenchmark.Options.parse(args.toArray(String[]::new), null);
        assertThat(options.settings()).isEqualTo(SETTINGS);
        assertThat(options.role()).isEqualTo(OwnJvmPartition.ROLE_REALTIME);
        assertThat(options.out()).isEqualTo(Path.of("x.json"));
    }

    @Test
    void anUnknownOptionNamesItAndTheKnownOnes() {
        assertThatThrownBy(() -> IsolationBenchmark.Options.parse(new String[] {"--second", "3"}, null))
                .hasMessageContaining("--second").hasMessageContaining("--seconds S");
    }

    @Test
    void aSetUpRowSurvivesTheTripThroughJson() {
        Map<String, long[]> gc = new LinkedHashMap<>();
        gc.put("G1 Young Generation", new long[] {0, 0});
        gc.put("G1 Old Generation", new long[] {1, 12});
        IsolationBenchmark.SetupResult row = new IsolationBenchmark.SetupResult(IsolationBenchmark.OWN_JVM, 30_000,
                210, 4_100, 850_000, 3_600_000_000L, 34, gc, "rt(realtime) cores [1] pinned");

        // Written as a child writes it, read as the parent reads it (JSON through the YAML loader: ints and longs).
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(
                io.crosskernel.bench.Json.write(row.toJson()));
        IsolationBenchmark.SetupResult back = IsolationBenchmark.SetupResult.fromJson((Map<?, ?>) tree);

        assertThat(back.setup()).isEqualTo(row.setup());
        assertThat(List.of(back.releases(), back.p50(), back.p99(), back.p999(), back.max(), back.deadlineMisses()))
                .containsExactly(30_000L, 210L, 4_100L, 850_000L, 3_600_000_000L, 34L);
        assertThat(back.collectors()).containsOnlyKeys("G1 Young Generation", "G1 Old Generation");
        assertThat(back.collectors().get("G1 Old Generation")).containsExactly(1, 12);
        assertThat(back.notes()).isEqualTo(row.notes());
    }

    @Test
    void aRowWithoutAFigureIsRefusedByName() {
        assertThatThrownBy(() -> IsolationBenchmark.SetupResult.fromJson(Map.of("setup", "x", "releases", "many",
                "gcByCollector", Map.of())))
                .hasMessageContaining("releases");
    }
}
