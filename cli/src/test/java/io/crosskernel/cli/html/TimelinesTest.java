package io.crosskernel.cli.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MetricsSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelinesTest {

    private static MetricsSample sample(long elapsedNanos, int workers, long busyNanos) {
        return new MetricsSample(elapsedNanos, 1_000_000_000L, MetricsSample.Phase.MEASURING,
                List.of(new KernelSample("k", "general", workers, 0, busyNanos, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        LatencySummary.EMPTY, LatencySummary.EMPTY, LatencySummary.EMPTY)), List.of(), List.of());
    }

    @Test
    void utilisationIsBusyTimeOverWallTimeAcrossWorkersPerInterval() {
        // Two workers: 0-0.5 s both busy half the time; 0.5-1 s one worker busy all the time (50%).
        List<MetricsSample> timeline = List.of(sample(500_000_000L, 2, 500_000_000L),
                sample(1_000_000_000L, 2, 1_000_000_000L));
        List<Series.Point> points = Timelines.utilisationPercent(timeline).get("k");
        assertThat(points).hasSize(4);
        assertThat(points.get(0).x()).isZero();
        assertThat(points.get(0).y()).isCloseTo(50, within(1e-9));
        assertThat(points.get(1).x()).isCloseTo(0.5, within(1e-9));
        assertThat(points.get(2).y()).isCloseTo(50, within(1e-9));
        assertThat(points.get(3).x()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void utilisationIsClampedAndRepeatedSamplesAreSkipped() {
        List<MetricsSample> timeline = List.of(sample(100, 1, 500), sample(100, 1, 500));
        List<Series.Point> points = Timelines.utilisationPercent(timeline).get("k");
        assertThat(points).extracting(Series.Point::y).containsExactly(100.0, 100.0);
    }

    @Test
    void throughputIsCompletionsPerSecondOfEachInterval() {
        List<MetricsSample> timeline = ReportFixtures.timeline(List.of("a"), List.of("orders", "audit"));
        Map<String, List<Series.Point>> rates = Timelines.completedPerSecond(timeline);
        assertThat(rates).containsOnlyKeys("orders", "audit");
        assertThat(rates.get("orders")).hasSize(8).allSatisfy(p -> assertThat(p.y()).isCloseTo(1000, within(1e-6)));
        assertThat(Timelines.maxY(rates)).isCloseTo(1000, within(1e-6));
        assertThat(Timelines.lastSeconds(timeline)).isEqualTo(1.0);
    }

    @Test
    void anEmptyTimelineHasNoSeries() {
        assertThat(Timelines.utilisationPercent(List.of())).isEmpty();
        assertThat(Timelines.completedPerSecond(List.of())).isEmpty();
        assertThat(Timelines.maxY(Map.of())).isZero();
        assertThat(Timelines.lastSeconds(List.of())).isZero();
    }
}
