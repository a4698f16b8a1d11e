package io.crosskernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ChannelSmokeBenchmark} with a tiny budget and checks the one property that does not depend on the
 * machine: the channel's hot path allocates nothing. No timing is asserted.
 */
class ChannelSmokeBenchmarkTest {

    @Test
    void channelOfferAndDrainAllocateNothingPerMessage() throws Exception {
        Options options = new OptionsBuilder()
                .include(ChannelSmokeBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Map<String, RunResult> byMethod = results.stream().collect(Collectors.toMap(
                r -> r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1),
                r -> r));
        assertThat(byMethod).containsOnlyKeys(ChannelSmokeReport.CHANNEL, ChannelSmokeReport.RING,
                ChannelSmokeReport.BASELINE);
        System.out.println(ChannelSmokeReport.summarise(results)); // for the reader; no timing is asserted
        Result<?> allocation = byMethod.get(ChannelSmokeReport.CHANNEL).getSecondaryResults().get("gc.alloc.rate.norm");
        assertThat(allocation).as("GC profiler result gc.alloc.rate.norm").isNotNull();
        assertThat(allocation.getScoreUnit()).isEqualTo("B/op");
        assertThat(allocation.getScore()).as("bytes allocated per message by the channel").isLessThan(1.0);
    }
}
