package io.crosskernel.api.jfr;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The events as a recording sees them: names, fields, and nothing recorded unless a recording enables them. */
class CrossKernelEventsTest {
    @TempDir
    Path dir;

    @Test
    void emitsNothingUnlessARecordingEnablesTheEvent() throws IOException {
        // Classes loaded and helpers called before any recording: the one-check path.
        assertThat(DeadlineMissEvent.enabled()).isFalse();
        DeadlineMissEvent.emit("k", "r", "", 10, 20);
        BudgetOverrunEvent.emit("k", "t", 10, 0, 20);
        assertThat(StallEvent.openIfEnabled("k[0]", 5)).isNull();

        try (Recording recording = new Recording()) {
            // User events are on by default in any recording: a recording that turns one off must not get it.
            for (String name : CrossKernelEvents.NAMES) {
                recording.disable(name);
            }
            recording.enable(KernelBootEvent.NAME);
            recording.start();
            assertThat(DeadlineMissEvent.enabled()).isFalse();
            DeadlineMissEvent.emit("k", "r", "", 10, 20);
            KernelBootEvent.start().finish("k", "general", List.of(0), null);
            recording.stop();
            List<RecordedEvent> events = read(recording);
            assertThat(events).extracting(e -> e.getEventType().getName()).containsExactly(KernelBootEvent.NAME);
        }
    }

    @Test
    void recordsEveryEventWithItsFields() throws IOException {
        // Loaded before the recording starts, as in a run where JFR starts after the kernels' classes.
        assertThat(BackpressureEvent.enabled()).isFalse();
        try (Recording recording = new Recording()) {
            for (String name : CrossKernelEvents.NAMES) {
                recording.enable(name).withThreshold(Duration.ZERO);
            }
            recording.start();
            assertThat(DeadlineMissEvent.enabled()).isTrue();
            KernelBootEvent.start().finish("rt", "realtime", List.of(1), null);
            DeadlineMissEvent.emit("gp", "orders", "", 1_000, 1_500);
            BudgetOverrunEvent.emit("rt", "control", 100, 10, 130);
            BackpressureEvent run = BackpressureEvent.open("a", "b", "drop-newest", "DROPPED", 8);
            run.refusedAgain();
            run.refusedAgain();
            run.close(true);
            StallEvent stall = StallEvent.openIfEnabled("a[0]", 100);
            assertThat(stall).isNotNull();
            stall.close(250, false);
            KernelStopEvent.start().finish("rt", "realtime", true);
            recording.stop();

            List<RecordedEvent> events = read(recording);
            assertThat(events).extracting(e -> e.getEventType().getName())
                    .containsExactlyInAnyOrderElementsOf(CrossKernelEvents.NAMES);
            RecordedEvent miss = only(events, DeadlineMissEvent.NAME);
            assertThat(miss.getString("kernel")).isEqualTo("gp");
            assertThat(miss.getString("route")).isEqualTo("orders");
            assertThat(miss.getString("task")).isEmpty();
            assertThat(miss.getDuration("deadline")).isEqualTo(Duration.ofNanos(1_000));
            assertThat(miss.getDuration("latency")).isEqualTo(Duration.ofNanos(1_500));
            assertThat(miss.getDuration("lateness")).isEqualTo(Duration.ofNanos(500));
            assertThat(miss.getStackTrace()).isNull();
            RecordedEvent overrun = only(events, BudgetOverrunEvent.NAME);
            assertThat(overrun.getString("task")).isEqualTo("control");
            assertThat(overrun.getDuration("overrun")).isEqualTo(Duration.ofNanos(30));
            RecordedEvent pressure = only(events, BackpressureEvent.NAME);
            assertThat(pressure.getString("from")).isEqualTo("a");
            assertThat(pressure.getString("to")).isEqualTo("b");
            assertThat(pressure.getString("result")).isEqualTo("DROPPED");
            assertThat(pressure.getLong("refused")).isEqualTo(3);
            assertThat(pressure.getBoolean("recovered")).isTrue();
            RecordedEvent stalled = only(events, StallEvent.NAME);
            assertThat(stalled.getDuration("stalledFor")).isEqualTo(Duration.ofNanos(250));
            assertThat(stalled.getBoolean("recovered")).isFalse();
            RecordedEvent boot = only(events, KernelBootEvent.NAME);
            assertThat(boot.getInt("cores")).isEqualTo(1);
            assertThat(boot.getString("coreList")).isEqualTo("[1]");
            assertThat(boot.getString("failure")).isEmpty();
            assertThat(only(events, KernelStopEvent.NAME).getBoolean("clean")).isTrue();
        }
    }

    private List<RecordedEvent> read(Recording recording) throws IOException {
        Path file = dir.resolve("events.jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("crosskernel."))
                .collect(Collectors.toList());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name) {
        List<RecordedEvent> matching = events.stream().filter(e -> e.getEventType().getName().equals(name))
                .collect(Collectors.toList());
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }
}
