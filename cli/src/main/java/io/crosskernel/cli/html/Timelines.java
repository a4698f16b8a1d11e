package io.crosskernel.cli.html;

import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RouteSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Rates over time from a run's sampled timeline. The samples hold counters since the start of the run, so each
 * interval between two samples (the first one from the start, where every counter was zero) gives one rate, drawn as
 * a horizontal step over that interval: x in seconds since the workload started. Stateless.
 */
final class Timelines {
    private Timelines() {
    }

    /** Per kernel (by name, first-seen order): busy time over wall time across its workers, in percent (0..100). */
    static Map<String, List<Series.Point>> utilisationPercent(List<MetricsSample> timeline) {
        return steps(timeline, MetricsSample::kernels, KernelSample::name, KernelSample::busyNanos,
                (kernel, delta, nanos) -> Math.max(0, Math.min(100, 100.0 * delta / nanos / Math.max(1,
                        kernel.workers()))));
    }

    /** Per route (by name, first-seen order): requests completed per second. */
    static Map<String, List<Series.Point>> completedPerSecond(List<MetricsSample> timeline) {
        return steps(timeline, MetricsSample::routes, RouteSample::name, RouteSample::completed,
                (route, delta, nanos) -> Math.max(0, delta * 1e9 / nanos));
    }

    /** Turns one counter's increase over an interval into the value plotted for it. */
    @FunctionalInterface
    private interface Rate<T> {
        double of(T item, long counterDelta, long intervalNanos);
    }

    private static <T> Map<String, List<Series.Point>> steps(List<MetricsSample> timeline,
            Function<MetricsSample, List<T>> items, Function<T, String> name,
            ToLongFunction<T> counter, Rate<T> rate) {
        Map<String, List<Series.Point>> series = new LinkedHashMap<>();
        Map<String, Long> lastCount = new LinkedHashMap<>();
        Map<String, Long> lastElapsed = new LinkedHashMap<>();
        for (MetricsSample sample : timeline) {
            for (T item : items.apply(sample)) {
                String key = name.apply(item);
                List<Series.Point> points = series.computeIfAbsent(key, k -> new ArrayList<>());
                long count = counter.applyAsLong(item);
                long start = lastElapsed.getOrDefault(key, 0L);
                long nanos = sample.elapsedNanos() - start;
                if (nanos <= 0) {
                    continue;
                }
                double value = rate.of(item, count - lastCount.getOrDefault(key, 0L), nanos);
                points.add(new Series.Point(start / 1e9, value));
                points.add(new Series.Point(sample.elapsedNanos() / 1e9, value));
                lastCount.put(key, count);
                lastElapsed.put(key, sample.elapsedNanos());
            }
        }
        return series;
    }

    /** The largest y over every series, 0 when there is none. */
    static double maxY(Map<String, List<Series.Point>> series) {
        double max = 0;
        for (List<Series.Point> points : series.values()) {
            for (Series.Point point : points) {
                max = Math.max(max, point.y());
            }
        }
        return max;
    }

    /** The last elapsed time of the timeline in seconds, 0 when it is empty. */
    static double lastSeconds(List<MetricsSample> timeline) {
        return timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).elapsedNanos() / 1e9;
    }
}
