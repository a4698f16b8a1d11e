package io.crosskernel.bench.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The plain round trip runs tiny: it completes, every transport appears in every round with every round trip
 * recorded (each reply was checked for order on the way), and the verdict covers every round. Timings are never
 * asserted: the machine is shared.
 */
class PlainRoundTripTest {

    @Test
    void aTinyRunReportsEveryTransportInEveryRound() throws Exception {
        PlainRoundTrip.Settings settings = new PlainRoundTrip.Settings(2, 3_000, 1_000);
        PlainRoundTrip.Result result = PlainRoundTrip.run(settings);

        List<String> seen = new ArrayList<>();
        for (PlainRoundTrip.Segment s : result.segments()) {
            seen.add(s.round() + ":" + s.transport());
            assertThat(s.count()).as("round trips recorded for %s", s.transport()).isEqualTo(3_000);
            assertThat(s.p50()).isPositive().isLessThanOrEqualTo(s.p99());
        }
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String t : PlainRoundTrip.TRANSPORTS) {
                expected.add(round + ":" + t);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(result.verdicts()).hasSize(2);
        assertThat(result.toText()).contains(PlainRoundTrip.TRANSPORTS).contains("met in");
        Map<String, Object> json = result.toJson();
        assertThat(json).containsKeys("segments", "channelRounds", "roundsMet", "targetsMet");
        assertThat(settings.roundsToMeet()).isEqualTo(2);
        assertThat(PlainRoundTrip.Settings.DEFAULT.roundsToMeet()).isEqualTo(3);
    }

    @Test
    void aReplyOutOfOrderFailsTheRun() {
        PlainPair pair = new JctoolsPair();
        // No echoer: the pinger's first reply never comes, so drive the check directly.
        assertThatThrownBy(() -> PlainPair.checkReply(pair.name(), 7, 8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sent 7 but the reply carried 8");
        Histogram h = new Histogram(1_000, 2);
        PlainPair.record(h, 5_000);
        assertThat(h.getMaxValue()).as("a value past the range counts as the highest").isGreaterThanOrEqualTo(1_000);
    }
}
