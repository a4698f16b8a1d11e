package io.crosskernel.cli;

import static io.crosskernel.cli.SampleFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
    private static final String ESC = "\u001b[";

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    private static MetricsSample at(long millis, Phase phase) {
        return sample(millis, phase, millis * 100_000, 0, millis, millis, 0, 1_000, 0);
    }

    @Test
    void plainStyleRefreshesOnTheFirstSampleThenAtMostOnceASecondAndAlwaysForTheLast() {
        LiveProgress progress = new LiveProgress(out, ProgressStyle.PLAIN);

        for (long millis = 250; millis <= 2_000; millis += 250) {
            progress.onSample(at(millis, millis <= 500 ? Phase.WARMUP : Phase.MEASURING));
        }
        progress.onEvent("sources closed");
        progress.onSample(at(2_100, Phase.FINISHED));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("progress 250ms/2s 12% warm-up ");
        assertThat(lines.get(1)).as("1 s after the first; 2 s came only 750 ms later")
                .startsWith("progress 1.25s/2s 62% measuring ");
        assertThat(lines.get(2)).isEqualTo("-- sources closed");
        assertThat(lines.get(3)).startsWith("progress 2.1s/2s 100% finished ");
        assertThat(text.toString()).doesNotContain(ESC);
    }

    @Test
    void ansiStyleRedrawsTheTableInPlaceAndKeepsItBelowEvents() {
        LiveProgress progress = new LiveProgress(out, ProgressStyle.ANSI);

        progress.onSample(at(250, Phase.MEASURING));
        int height = text.toString().split("\n").length;
        assertThat(height).as("bar line, header, two kernels").isEqualTo(4);
        assertThat(text.toString()).doesNotContain(ESC);

        progress.onSample(at(500, Phase.MEASURING)); // within the second: nothing drawn
        assertThat(text.toString().split("\n")).hasSize(height);

        progress.onEvent("stall: worker a[0]");
        progress.onSample(at(1_250, Phase.MEASURING));
        progress.onSample(at(1_300, Phase.FINISHED));
        progress.onEvent("after the end");

        String all = text.toString();
        // Each redraw first moves up over the table on screen and clears below: once for the event, once per
        // refresh; after the final table, nothing is erased any more.
        assertThat(count(all, ESC + height + "F" + ESC + "J")).isEqualTo(3);
        assertThat(all).endsWith("-- after the end\n");
        String afterEvent = all.substring(all.indexOf("-- stall: worker a[0]"));
        assertThat(afterEvent.lines().skip(1).limit(height).toList().get(0)).startsWith("[");
        assertThat(all).contains(" finished ");
    }

    @Test
    void bootSummaryAndEventsPrintAsLines() {
        LiveProgress progress = new LiveProgress(out, ProgressStyle.PLAIN);

        progress.onStarted(new io.crosskernel.hypervisor.sink.BootSummary(List.of("a[0] core 0: pinned to CPU 0"),
                List.of("a: ready"), 1_500_000));
        progress.onEvent("warm-up over: measuring");

        assertThat(text.toString().lines()).containsExactly("booted in 1.5ms:", "  a[0] core 0: pinned to CPU 0",
                "  a: ready", "-- warm-up over: measuring");
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
