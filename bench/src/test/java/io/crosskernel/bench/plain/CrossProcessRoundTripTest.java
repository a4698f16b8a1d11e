package io.crosskernel.bench.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cross-process round trip runs tiny: every transport, the one through an echo process included, answers every
 * round trip in order in every round, and when the run returns the echo process has exited and its ring files are
 * gone. Timings are never asserted: the machine is shared.
 */
@Timeout(180)
class CrossProcessRoundTripTest {

    @Test
    void aTinyRunAnswersEveryRoundTripAndLeavesNoProcessAndNoFile() throws Exception {
        List<String> before = runDirectories();
        PlainRoundTrip.Settings settings = new PlainRoundTrip.Settings(2, 3_000, 1_000);
        CrossProcessRoundTrip.Result result = CrossProcessRoundTrip.run(settings);

        List<String> seen = new ArrayList<>();
        for (PlainRoundTrip.Segment s : result.segments()) {
            seen.add(s.round() + ":" + s.transport());
            assertThat(s.count()).as("round trips recorded for %s", s.transport()).isEqualTo(3_000);
        }
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String t : CrossProcessRoundTrip.TRANSPORTS) {
                expected.add(round + ":" + t);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(result.verdicts()).hasSize(2);
        assertThat(result.toText()).contains(ProcessChannelPair.NAME).contains("met in");
        assertThat(result.toJson()).containsKeys("segments", "processRounds", "roundsMet", "targetMet");

        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("echo processes left running").isEmpty();
        assertThat(runDirectories()).as("run directories of this JVM left in /dev/shm")
                .containsExactlyInAnyOrderElementsOf(before);
    }

    /** This JVM's run directories under /dev/shm. */
    private static List<String> runDirectories() throws IOException {
        String prefix = "crosskernel-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> entries = Files.list(MappedChannelPair.SHARED_MEMORY)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }
}
