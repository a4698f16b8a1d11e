package io.crosskernel.hypervisor.channel;

import static io.crosskernel.hypervisor.channel.ChannelTestSupport.channel;
import static io.crosskernel.hypervisor.channel.ChannelTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.jfr.BackpressureEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full channel records one JFR backpressure event per run of refusals, not one per refused offer. */
class SpscChannelJfrTest {
    @TempDir
    Path dir;

    @Test
    void oneEventPerRefusalRunCountingEveryRefusedOffer() throws IOException {
        SpscChannel retry = channel(2, BackpressurePolicy.RETRY);
        try (Recording recording = new Recording()) {
            recording.enable(BackpressureEvent.NAME);
            recording.start();
            assertThat(retry.offer(message(1))).isEqualTo(SendResult.SENT);
            assertThat(retry.offer(message(2))).isEqualTo(SendResult.SENT);
            for (int attempt = 0; attempt < 5; attempt++) { // one held message retried five times
                assertThat(retry.offer(message(3))).isEqualTo(SendResult.BACKPRESSURED);
            }
            assertThat(retry.drain(envelope -> { }, 1)).isEqualTo(1);
            assertThat(retry.offer(message(3))).isEqualTo(SendResult.SENT); // ends the first run
            assertThat(retry.offer(message(4))).isEqualTo(SendResult.BACKPRESSURED);
            assertThat(retry.offer(message(4))).isEqualTo(SendResult.BACKPRESSURED);
            retry.closeRefusalRun(false); // the host, after the producer stopped
            retry.closeRefusalRun(false); // nothing open any more: no second event
            recording.stop();

            List<RecordedEvent> runs = read(recording);
            assertThat(runs).extracting(e -> e.getLong("refused")).containsExactly(5L, 2L);
            assertThat(runs).extracting(e -> e.getBoolean("recovered")).containsExactly(true, false);
            assertThat(runs).allSatisfy(e -> {
                assertThat(e.getString("from")).isEqualTo("a");
                assertThat(e.getString("to")).isEqualTo("b");
                assertThat(e.getString("policy")).isEqualTo("retry");
                assertThat(e.getString("result")).isEqualTo("BACKPRESSURED");
                assertThat(e.getInt("capacity")).isEqualTo(2);
            });
            assertThat(runs.stream().mapToLong(e -> e.getLong("refused")).sum())
                    .isEqualTo(retry.stats().backpressured());
        }
    }

    @Test
    void recordsNothingWhenTheEventIsNotEnabled() throws IOException {
        SpscChannel drop = channel(1, BackpressurePolicy.DROP_NEWEST);
        try (Recording recording = new Recording()) {
            recording.disable(BackpressureEvent.NAME);
            recording.start();
            drop.offer(message(1));
            assertThat(drop.offer(message(2))).isEqualTo(SendResult.DROPPED);
            drop.closeRefusalRun(false);
            recording.stop();
            assertThat(read(recording)).isEmpty();
        }
    }

    private List<RecordedEvent> read(Recording recording) throws IOException {
        Path file = dir.resolve("channel.jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(BackpressureEvent.NAME))
                .sorted((x, y) -> x.getStartTime().compareTo(y.getStartTime()))
                .collect(Collectors.toList());
    }
}
