package io.crosskernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A JMH benchmark class run in one fork with a tiny budget (200 ms of warm-up, 200 ms measured) and the GC profiler:
 * enough for the properties that do not depend on the machine (allocation per operation), never for timing.
 * Stateless; for tests.
 */
final class TinyBudgetRun {
    private final Collection<RunResult> results;
    private final Map<String, RunResult> byMethod;

    private TinyBudgetRun(Collection<RunResult> results) {
        this.results = results;
        this.byMethod = results.stream().collect(Collectors.toMap(
                r -> r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1),
                r -> r));
    }

    static TinyBudgetRun of(Class<?> benchmark) throws RunnerException {
        return new TinyBudgetRun(new Runner(new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build()).run());
    }

    Collection<RunResult> results() {
        return results;
    }

    /** The results by benchmark method name. */
    Map<String, RunResult> byMethod() {
        return byMethod;
    }

    /** Bytes {@code method} allocated per operation, as the GC profiler measured it (checked to be in B/op). */
    double bytesPerOp(String method) {
        Result<?> allocation = byMethod.get(method).getSecondaryResults().get("gc.alloc.rate.norm");
        assertThat(allocation).as("GC profiler result gc.alloc.rate.norm").isNotNull();
        assertThat(allocation.getScoreUnit()).isEqualTo("B/op");
        return allocation.getScore();
    }
}
