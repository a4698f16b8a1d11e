package io.crosskernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link ChannelSmokeBenchmark} with a tiny budget and checks the one property that does not depend on the
 * machine: the channel's hot path allocates nothing. No timing is asserted.
 */
class ChannelSmokeBenchmarkTest {

    @Test
    void channelOfferAndDrainAllocateNothingPerMessage() throws Exception {
        TinyBudgetRun run = TinyBudgetRun.of(ChannelSmokeBenchmark.class);

        assertThat(run.byMethod()).containsOnlyKeys(ChannelSmokeReport.CHANNEL, ChannelSmokeReport.RING,
                ChannelSmokeReport.BASELINE);
        System.out.println(ChannelSmokeReport.summarise(run.results())); // for the reader; no timing is asserted
        assertThat(run.bytesPerOp(ChannelSmokeReport.CHANNEL)).as("bytes allocated per message by the channel")
                .isLessThan(1.0);
    }
}
