package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.jfr.BudgetOverrunEvent;
import io.crosskernel.api.jfr.DeadlineMissEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher records one JFR event per deadline miss and per budget overrun, matching its counters exactly. */
class RealtimeSchedulerJfrTest {
    private static final long START = 1_000;

    @TempDir
    Path dir;

    @Test
    void recordsEachMissAndOverrunWithTheJobsFigures() throws IOException {
        // Budget 10 (+2 slack), deadline 12; job runs of 10, 13, 11, 15, 10: overruns are the 13 and the 15 (the 11 is
        // within the slack), misses the 13 and the 15.
        ManualClock clock = new ManualClock(START);
        List<RtTask> tasks = List.of(RtTask.periodic("control", 100, 10, 12));
        long[] actual = {10, 13, 11, 15, 10};
        ClockAdvancingBody body = new ClockAdvancingBody(clock, (i, seq) -> actual[(int) seq], 16);
        RealtimeScheduler s = new RealtimeScheduler(tasks, RtPolicy.EDF, clock, body,
                RtSchedulerConfig.DEFAULT.withOverrunSlackNanos(2), "rt");
        s.start(START);

        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable(DeadlineMissEvent.NAME);
            recording.enable(BudgetOverrunEvent.NAME);
            recording.start();
            VirtualTime.runUntil(s, clock, START + 500);
            recording.stop();
            Path file = dir.resolve("rt.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }

        List<RecordedEvent> misses = named(events, DeadlineMissEvent.NAME);
        List<RecordedEvent> overruns = named(events, BudgetOverrunEvent.NAME);
        assertThat(misses).hasSize((int) s.metrics(0).deadlineMisses.get()).hasSize(2);
        assertThat(overruns).hasSize((int) s.metrics(0).budgetOverruns.get()).hasSize(2);
        assertThat(misses).allSatisfy(e -> {
            assertThat(e.getString("kernel")).isEqualTo("rt");
            assertThat(e.getString("task")).isEqualTo("control");
            assertThat(e.getString("route")).isEmpty();
            assertThat(e.getDuration("deadline")).isEqualTo(Duration.ofNanos(12));
        });
        assertThat(misses).extracting(e -> e.getDuration("lateness").toNanos())
                .containsExactlyInAnyOrder(1L, 3L);
        assertThat(overruns).allSatisfy(e -> {
            assertThat(e.getString("kernel")).isEqualTo("rt");
            assertThat(e.getDuration("budget")).isEqualTo(Duration.ofNanos(10));
            assertThat(e.getDuration("slack")).isEqualTo(Duration.ofNanos(2));
        });
        assertThat(overruns).extracting(e -> e.getDuration("actual").toNanos()).containsExactlyInAnyOrder(13L, 15L);
        assertThat(overruns).extracting(e -> e.getDuration("overrun").toNanos()).containsExactlyInAnyOrder(3L, 5L);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }
}
