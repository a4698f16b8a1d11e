package io.crosskernel.cli;

import static io.crosskernel.cli.SampleFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private static final ProgressFigures FIGURES = ProgressFigures.of(null,
            List.of(sample(1_000, Phase.MEASURING, 500_000_000, 0, 2_000, 4_000, 6, 12_300, 0)));

    @Test
    void plainLineHasEveryFigureAsKeyValuePairs() {
        String line = ProgressRenderer.line(FIGURES);

        assertThat(line).startsWith("progress 1s/2s 50% measuring req/s=2k msg/s=4k backlog=6 | a ");
        assertThat(line).contains("| a p99=12.3us util=50% misses=0 drops=3 backlog=0")
                .contains("| b p99=- util=0% misses=7 drops=0 backlog=6")
                .doesNotContain("\n").doesNotContain("\u001b");
    }

    @Test
    void tableHasABarAHeaderAndOneRowPerKernel() {
        List<String> lines = ProgressRenderer.table(FIGURES);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("[##########----------]  50%  1s / 2s  measuring  2k/s req  4k/s msg")
                .endsWith("backlog 6");
        assertThat(lines.get(1)).matches("  kernel +type +p99 +util +misses +drops +backlog");
        assertThat(lines.get(2)).matches("  a +general +12\\.3us +50% +0 +3 +0");
        assertThat(lines.get(3)).matches("  b +general +- +0% +7 +0 +6");
        assertThat(String.join("", lines)).doesNotContain("\u001b");
    }

    @Test
    void phasesReadAsWords() {
        assertThat(ProgressRenderer.phase(Phase.WARMUP)).isEqualTo("warm-up");
        assertThat(ProgressRenderer.phase(Phase.DRAINING)).isEqualTo("draining");
        assertThat(ProgressRenderer.phase(Phase.FINISHED)).isEqualTo("finished");
    }

    @Property
    void barIsAlwaysTheSameWidthAndFillsWithElapsedTime(@ForAll @LongRange(min = -10, max = 10_000) long elapsed,
            @ForAll @LongRange(min = 0, max = 5_000) long total) {
        String bar = ProgressRenderer.bar(elapsed, total);

        assertThat(bar).hasSize(ProgressRenderer.BAR_WIDTH + 2).startsWith("[").endsWith("]");
        long filled = bar.chars().filter(c -> c == '#').count();
        if (elapsed <= 0) {
            assertThat(filled).isZero();
        } else if (total > 0 && elapsed >= total) {
            assertThat(filled).isEqualTo(ProgressRenderer.BAR_WIDTH);
        } else if (total > 0) {
            assertThat(filled).isEqualTo(elapsed * ProgressRenderer.BAR_WIDTH / total);
        }
    }
}
