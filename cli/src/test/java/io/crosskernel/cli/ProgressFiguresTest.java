package io.crosskernel.cli;

import static io.crosskernel.cli.SampleFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressFiguresTest {

    @Test
    void firstRefreshCountsFromTheStartOfTheRun() {
        // 500 ms in: a busy 250 ms on its one worker, b busy 500 ms over two workers.
        MetricsSample now = sample(500, Phase.WARMUP, 250_000_000, 500_000_000, 1_000, 3_000, 10, 40_000, 9_000);

        ProgressFigures figures = ProgressFigures.of(null, List.of(now));

        assertThat(figures.elapsedNanos()).isEqualTo(500_000_000);
        assertThat(figures.phase()).isEqualTo(Phase.WARMUP);
        assertThat(figures.requestsPerSecond()).isCloseTo(2_000, within(1e-6));
        assertThat(figures.messagesPerSecond()).isCloseTo(6_000, within(1e-6));
        assertThat(figures.backlog()).isEqualTo(10);
        ProgressFigures.Kernel a = figures.kernels().get(0);
        ProgressFigures.Kernel b = figures.kernels().get(1);
        assertThat(a.utilisation()).isCloseTo(0.5, within(1e-9));
        assertThat(b.utilisation()).isCloseTo(0.5, within(1e-9));
        assertThat(a.p99Nanos()).isEqualTo(40_000);
        assertThat(a.backlog()).isZero();
        assertThat(b.backlog()).as("the channel a->b waits for b").isEqualTo(10);
        assertThat(b.deadlineMisses()).isEqualTo(7);
        assertThat(a.dropped()).isEqualTo(3);
    }

    @Test
    void laterRefreshesShowTheWindowSinceThePreviousOneAndItsWorstP99() {
        MetricsSample shown = sample(1_000, Phase.MEASURING, 100_000_000, 0, 1_000, 1_000, 0, 1, 1);
        MetricsSample mid = sample(1_500, Phase.MEASURING, 200_000_000, 0, 1_500, 1_600, 0, 80_000, 2_000);
        MetricsSample now = sample(2_000, Phase.MEASURING, 600_000_000, 0, 3_000, 3_000, 4, 20_000, 3_000);

        ProgressFigures figures = ProgressFigures.of(shown, List.of(mid, now));

        assertThat(figures.requestsPerSecond()).isCloseTo(2_000, within(1e-6));
        assertThat(figures.messagesPerSecond()).isCloseTo(2_000, within(1e-6));
        assertThat(figures.kernels().get(0).utilisation()).isCloseTo(0.5, within(1e-9));
        assertThat(figures.kernels().get(1).utilisation()).isZero();
        assertThat(figures.kernels().get(0).p99Nanos()).as("worst of the window, not the last").isEqualTo(80_000);
        assertThat(figures.kernels().get(1).p99Nanos()).isEqualTo(3_000);
    }

    @Test
    void utilisationStaysBetweenZeroAndOneWhenClocksDisagree() {
        MetricsSample shown = sample(1_000, Phase.MEASURING, 900_000_000, 0, 0, 0, 0, 0, 0);
        MetricsSample now = sample(1_100, Phase.MEASURING, 1_200_000_000, 0, 0, 0, 0, 0, 0);

        assertThat(ProgressFigures.of(shown, List.of(now)).kernels().get(0).utilisation()).isEqualTo(1.0);
    }

    @Test
    void aWindowWithoutTimeHasNoRates() {
        MetricsSample now = sample(0, Phase.WARMUP, 0, 0, 5, 5, 0, 0, 0);

        ProgressFigures figures = ProgressFigures.of(null, List.of(now));

        assertThat(figures.requestsPerSecond()).isZero();
        assertThat(figures.kernels().get(0).utilisation()).isZero();
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> ProgressFigures.of(null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
