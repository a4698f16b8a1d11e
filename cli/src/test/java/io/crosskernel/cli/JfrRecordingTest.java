package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosskernel.api.jfr.BackpressureEvent;
import io.crosskernel.api.jfr.BudgetOverrunEvent;
import io.crosskernel.api.jfr.DeadlineMissEvent;
import io.crosskernel.api.jfr.KernelBootEvent;
import io.crosskernel.api.jfr.KernelStopEvent;
import io.crosskernel.api.jfr.StallEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk run --jfr}: a real run that provokes every crosskernel event, read back from the file. */
@Timeout(60)
class JfrRecordingTest {
    /**
     * One short run with something for every event: a burst into a 4-slot drop-newest channel (backpressure), a
     * stream whose deadline is shorter than its cost (deadline misses), a real-time task with no overrun slack (its
     * timer reads alone overrun the budget), and a 250 ms task against a 100 ms stall threshold (a stall).
     */
    private static final String EVERYTHING_GOES_WRONG = "name: jfr\nduration: 300ms\nseed: 5\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 5s, stallThreshold: 100ms}\n"
            + "channels: {capacity: 4, backpressure: drop-newest}\n"
            + "kernels:\n"
            + "  - {name: a, type: general, cores: [0], idle: backoff}\n"
            + "  - {name: b, type: general, cores: [1], idle: backoff}\n"
            + "  - name: rt\n    type: realtime\n    cores: [1]\n    idle: backoff\n"
            + "    settings: {overrunSlack: 0}\n"
            + "workload:\n"
            + "  - name: spike\n    burst: {at: 10ms, count: 2000}\n"
            + "    stages: [{kernel: a, cost: 0}, {kernel: b, cost: 20us}]\n"
            + "  - name: late\n    stream: {rate: 1k/s, arrival: constant}\n    kernel: b\n    cost: 100us\n"
            + "    deadline: 20us\n"
            + "  - name: control\n    periodic: {period: 5ms}\n    kernel: rt\n    cost: 50us\n"
            + "  - name: hog\n    burst: {at: 20ms, count: 1}\n    kernel: a\n    cost: 250ms\n";

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole();

    @Test
    void recordsEveryCrosskernelEventAndTheGcOfTheRunInTheFile() throws IOException {
        Path scenario = dir.resolve("jfr.yaml");
        Files.writeString(scenario, EVERYTHING_GOES_WRONG);
        Path jfr = dir.resolve("recordings/run.jfr"); // a missing directory is created, as for every report
        Path json = dir.resolve("run.json");

        int code = console.run("run", scenario.toString(), "--jfr", jfr.toString(), "--json-report", json.toString(),
                "--quiet");

        assertThat(code).as(console.out() + "\n" + console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("JFR recording written to " + jfr.toAbsolutePath());
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        JsonNode report = ReportSchema.assertValid(json);

        List<RecordedEvent> boots = named(events, KernelBootEvent.NAME);
        assertThat(boots).extracting(e -> e.getString("kernel")).containsExactlyInAnyOrder("a", "b", "rt");
        RecordedEvent rtBoot = boots.stream().filter(e -> e.getString("kernel").equals("rt")).findFirst()
                .orElseThrow();
        assertThat(rtBoot.getString("type")).isEqualTo("realtime");
        assertThat(rtBoot.getInt("cores")).isEqualTo(1);
        assertThat(rtBoot.getString("coreList")).isEqualTo("[1]");
        assertThat(rtBoot.getString("failure")).isEmpty();
        assertThat(named(events, KernelStopEvent.NAME)).extracting(e -> e.getString("kernel"))
                .containsExactlyInAnyOrder("a", "b", "rt");
        assertThat(named(events, KernelStopEvent.NAME)).allMatch(e -> e.getBoolean("clean"));

        List<RecordedEvent> misses = named(events, DeadlineMissEvent.NAME).stream()
                .filter(e -> e.getString("route").equals("late")).collect(Collectors.toList());
        assertThat(misses).hasSize((int) workload(report, "late").path("deadlineMisses").asLong()).isNotEmpty();
        for (RecordedEvent miss : misses) {
            assertThat(miss.getString("kernel")).isEqualTo("b");
            assertThat(miss.getString("task")).isEmpty();
            assertThat(miss.getDuration("deadline")).isEqualTo(Duration.ofNanos(20_000));
            assertThat(miss.getDuration("latency")).isGreaterThanOrEqualTo(Duration.ofNanos(100_000));
            assertThat(miss.getDuration("lateness"))
                    .isEqualTo(miss.getDuration("latency").minus(miss.getDuration("deadline")));
        }

        List<RecordedEvent> overruns = named(events, BudgetOverrunEvent.NAME);
        assertThat(overruns).isNotEmpty();
        for (RecordedEvent overrun : overruns) {
            assertThat(overrun.getString("kernel")).isEqualTo("rt");
            assertThat(overrun.getString("task")).isEqualTo("control");
            assertThat(overrun.getDuration("budget")).isEqualTo(Duration.ofNanos(50_000));
            assertThat(overrun.getDuration("slack")).isZero();
            assertThat(overrun.getDuration("actual")).isGreaterThan(Duration.ofNanos(50_000));
            assertThat(overrun.getDuration("overrun")).isPositive();
        }

        List<RecordedEvent> pressure = named(events, BackpressureEvent.NAME);
        assertThat(pressure).isNotEmpty();
        for (RecordedEvent run : pressure) {
            assertThat(run.getString("from")).isEqualTo("a");
            assertThat(run.getString("to")).isEqualTo("b");
            assertThat(run.getString("policy")).isEqualTo("drop-newest");
            assertThat(run.getString("result")).isEqualTo("DROPPED");
            assertThat(run.getInt("capacity")).isEqualTo(4);
            assertThat(run.getLong("refused")).isPositive();
        }
        // Runs, not refusals: fewer events than drops, and together they count every drop of the channel.
        long rejected = channel(report, "a", "b").path("rejected").asLong();
        assertThat(pressure.stream().mapToLong(e -> e.getLong("refused")).sum()).isEqualTo(rejected);

        List<RecordedEvent> stalls = named(events, StallEvent.NAME);
        assertThat(stalls).isNotEmpty();
        assertThat(stalls).allSatisfy(stall -> {
            assertThat(stall.getString("worker")).isEqualTo("a[0]");
            assertThat(stall.getDuration("threshold")).isEqualTo(Duration.ofMillis(100));
            assertThat(stall.getDuration("stalledFor")).isGreaterThan(Duration.ofMillis(100));
        });

        // The host collects the boot's garbage with System.gc() before the workload starts.
        assertThat(named(events, "jdk.GarbageCollection")).extracting(e -> e.getString("cause"))
                .contains("System.gc()");
        assertThat(named(events, "jdk.GCPhasePause")).isNotEmpty();
    }

    @Test
    void aJfrFileBelowARegularFileIsBadInputBeforeTheRunStarts() throws IOException {
        Path scenario = dir.resolve("jfr.yaml");
        Files.writeString(scenario, EVERYTHING_GOES_WRONG);
        Path jfr = scenario.resolve("run.jfr");

        int code = console.run("run", scenario.toString(), "--jfr", jfr.toString(), "--quiet");

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        // The scenario's own warnings (a deadline every request misses) come first; the one error is the path.
        assertThat(console.err().lines().filter(line -> line.startsWith("error:"))).containsExactly("error: --jfr "
                + jfr + ": " + scenario + " is a file, not a directory, so nothing can be created under it");
        assertThat(console.out()).doesNotContain("crosskernel: running");
    }

    @Test
    void aJfrPathThatIsADirectoryIsBadInput() throws IOException {
        Path scenario = dir.resolve("jfr.yaml");
        Files.writeString(scenario, EVERYTHING_GOES_WRONG);

        int code = console.run("run", scenario.toString(), "--jfr", dir.toString(), "--quiet");

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("is a directory").contains("run.jfr");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    private static JsonNode workload(JsonNode report, String name) {
        return StreamSupport.stream(report.path("workloads").spliterator(), false)
                .filter(w -> w.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode channel(JsonNode report, String from, String to) {
        return StreamSupport.stream(report.path("channels").spliterator(), false)
                .filter(c -> c.path("from").asText().equals(from) && c.path("to").asText().equals(to)).findFirst()
                .orElseThrow();
    }
}
