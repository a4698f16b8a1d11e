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
 * Runs {@link HiccupProbeBenchmark} with a tiny budget and checks what does not depend on the machine: the metered
 * duty cycle allocates nothing. No timing is asserted (the lead measures the ratio on a quiet machine).
 */
class HiccupProbeBenchmarkTest {

    @Test
    void theMeteredDutyCycleAllocatesNothing() throws Exception {
        Options options = new OptionsBuilder()
                .include(HiccupProbeBenchmark.class.getName() + "\\.")
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
        assertThat(byMethod).containsOnlyKeys("meterOn", "meterOff");
        Result<?> allocation = byMethod.get("meterOn").getSecondaryResults().get("gc.alloc.rate.norm");
        assertThat(allocation).as("GC profiler result gc.alloc.rate.norm").isNotNull();
        assertThat(allocation.getScoreUnit()).isEqualTo("B/op");
        // JMH's own bookkeeping shows as ~0.01 B/op in both; one object per cycle would be 16 B or more.
        assertThat(allocation.getScore()).as("bytes allocated per metered duty cycle").isLessThan(0.5);
    }
}
