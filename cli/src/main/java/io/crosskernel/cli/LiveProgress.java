package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live status of {@code xk run}: refreshed from the host's samples at most once a second of run time (and always
 * for the final sample), either as a table redrawn in place ({@link ProgressStyle#ANSI}) or as plain lines. Events
 * (stalls, errors, the end of the warm-up) print as lines of their own above the table.
 *
 * <p>Threading: host thread only, like every {@link RunListener}; it only formats and prints.
 */
final class LiveProgress implements RunListener {
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final ProgressStyle style;
    private final List<MetricsSample> window = new ArrayList<>();
    private MetricsSample shown;
    /** The table on screen now (ANSI only), so it can be erased before the next one or an event line. */
    private List<String> frame = List.of();

    LiveProgress(PrintWriter out, ProgressStyle style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public boolean readsCumulativeLatency() {
        return false; // it shows counters and the interval latency
    }

    @Override
    public void onStarted(BootSummary boot) {
        out.println("booted in " + Units.formatNanos(boot.bootNanos()) + ":");
        for (String worker : boot.workers()) {
            out.println("  " + worker);
        }
        for (String announcement : boot.announcements()) {
            out.println("  " + announcement);
        }
        out.flush();
    }

    @Override
    public void onSample(MetricsSample sample) {
        window.add(sample);
        boolean due = shown == null || sample.elapsedNanos() - shown.elapsedNanos() >= REFRESH_NANOS;
        if (!due && sample.phase() != Phase.FINISHED) {
            return;
        }
        ProgressFigures figures = ProgressFigures.of(shown, window);
        shown = sample;
        window.clear();
        if (style == ProgressStyle.PLAIN) {
            out.println(ProgressRenderer.line(figures));
        } else {
            erase();
            frame = ProgressRenderer.table(figures);
            frame.forEach(out::println);
            if (sample.phase() == Phase.FINISHED) {
                frame = List.of(); // the last table stays; the report follows below it
            }
        }
        out.flush();
    }

    @Override
    public void onEvent(String message) {
        erase();
        out.println("-- " + message);
        frame.forEach(out::println);
        out.flush();
    }

    /** Moves the cursor to the start of the table on screen and clears from there down. */
    private void erase() {
        if (!frame.isEmpty()) {
            out.print(ESC + frame.size() + "F" + ESC + "J");
        }
    }
}
