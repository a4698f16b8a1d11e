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
import org.HdrHistogram.Histogram;
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

    @Test
    void aChildsHistogramSurvivesItsEncodingExactly() {
        Histogram h = IsolationBenchmark.newLatenessHistogram();
        for (long v = 1; v < 5_000_000; v = v * 3 + 7) {
            h.recordValue(v);
        }
        Histogram back = OwnJvmPartition.decode(OwnJvmPartition.encode(h));
        assertThat(back).isEqualTo(h);
        assertThatThrownBy(() -> OwnJvmPartition.decode("not base64 %%")).hasMessageContaining("latenessHistogram");
        assertThatThrownBy(() -> OwnJvmPartition.decode(null)).hasMessageContaining("latenessHistogram");
    }

    @Test
    void windowsMergeThroughTheirHistogramsAndSumTheirCounts() {
        OwnJvmPartition.Windows merged = new OwnJvmPartition.Windows(IsolationBenchmark.OWN_JVM);
        Histogram quiet = IsolationBenchmark.newLatenessHistogram();
        Histogram noisy = IsolationBenchmark.newLatenessHistogram();
        for (int i = 0; i < 980; i++) {
            quiet.recordValue(200);
            noisy.recordValue(200);
        }
        for (int i = 0; i < 20; i++) {
            quiet.recordValue(1_000);
            noisy.recordValue(500_000);
        }
        merged.add(window(quiet, 1, Map.of("G1 Old Generation", new long[] {1, 10})), quiet);
        merged.add(window(noisy, 4, Map.of("G1 Old Generation", new long[] {1, 12})), noisy);

        IsolationBenchmark.SetupResult r = merged.result("kernel: ", "2 windows");
        assertThat(r.releases()).isEqualTo(2000);
        assertThat(r.deadlineMisses()).isEqualTo(5);
        assertThat(r.collectors().get("G1 Old Generation")).containsExactly(2, 22);
        // 40 of 2000 above 200 ns, 20 of them the noisy window's: the 99th percentile is the quiet window's tail
        // (1 us), not an average of the two windows' p99s (1 us and 500 us).
        assertThat(r.p99()).isBetween(990L, 1_010L);
        assertThat(r.max()).isBetween(499_000L, 501_000L);
        assertThat(merged.p99s).containsExactly(quiet.getValueAtPercentile(99), noisy.getValueAtPercentile(99));
        assertThat(r.notes()).isEqualTo("kernel: first window; 2 windows");
    }

    @Test
    void aThirtySecondSetUpRunsAsThreeWindowsAndAShortOneAsOne() {
        assertThat(OwnJvmPartition.windows(SETTINGS.withSeconds(30))).isEqualTo(3);
        assertThat(OwnJvmPartition.windows(SETTINGS.withSeconds(5))).isEqualTo(1);
        assertThat(OwnJvmPartition.windows(SETTINGS.withSeconds(0.3))).isEqualTo(1);
    }

    private static IsolationBenchmark.SetupResult window(Histogram h, long misses, Map<String, long[]> gc) {
        return new IsolationBenchmark.SetupResult(IsolationBenchmark.OWN_JVM, h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                misses, gc, misses == 1 ? "first window" : "second window");
    }
}
