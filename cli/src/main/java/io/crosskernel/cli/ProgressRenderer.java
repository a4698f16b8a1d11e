package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@link ProgressFigures} as text: a small table for a terminal that is redrawn in place, or one plain line
 * for logs and pipes. Pure functions of the figures, no terminal codes: stateless and thread-safe.
 */
final class ProgressRenderer {
    static final int BAR_WIDTH = 20;

    private ProgressRenderer() {
    }

    /** The terminal status: a headline with a progress bar, then a table with one row per kernel. */
    static List<String> table(ProgressFigures figures) {
        List<String> lines = new ArrayList<>();
        lines.add(bar(figures.elapsedNanos(), figures.totalNanos()) + " " + percent(figures) + "  "
                + Units.formatNanos(figures.elapsedNanos()) + " / " + Units.formatNanos(figures.totalNanos()) + "  "
                + phase(figures.phase()) + "  " + Units.formatRate(figures.requestsPerSecond()) + " req  "
                + Units.formatRate(figures.messagesPerSecond()) + " msg  backlog " + figures.backlog());
        TextTable table = new TextTable("kernel", "type", ">p99", ">util", ">misses", ">drops", ">backlog");
        for (ProgressFigures.Kernel kernel : figures.kernels()) {
            table.row(kernel.name(), kernel.type(), p99(kernel), utilisation(kernel), kernel.deadlineMisses(),
                    kernel.dropped(), kernel.backlog());
        }
        for (String line : table.render("  ").split("\n")) {
            lines.add(line);
        }
        return lines;
    }

    /**
     * One line with the same figures, as {@code key=value} pairs so that {@code grep} and {@code awk} can pick them:
     * {@code progress 1s/2s 50% measuring req/s=9.98k msg/s=20k backlog=0 | a p99=12us util=5% misses=0 ...}.
     */
    static String line(ProgressFigures figures) {
        StringBuilder line = new StringBuilder("progress ").append(Units.formatNanos(figures.elapsedNanos()))
                .append('/').append(Units.formatNanos(figures.totalNanos())).append(' ').append(percent(figures).strip())
                .append(' ').append(phase(figures.phase()))
                .append(" req/s=").append(rate(figures.requestsPerSecond()))
                .append(" msg/s=").append(rate(figures.messagesPerSecond()))
                .append(" backlog=").append(figures.backlog());
        for (ProgressFigures.Kernel kernel : figures.kernels()) {
            line.append(" | ").append(kernel.name())
                    .append(" p99=").append(p99(kernel))
                    .append(" util=").append(utilisation(kernel))
                    .append(" misses=").append(kernel.deadlineMisses())
                    .append(" drops=").append(kernel.dropped())
                    .append(" backlog=").append(kernel.backlog());
        }
        return line.toString();
    }

    /** {@code [#####---------------]}: the share of the planned time (warm-up plus duration) gone, capped at full. */
    static String bar(long elapsedNanos, long totalNanos) {
        int filled = (int) Math.min(BAR_WIDTH, (double) Math.max(0, elapsedNanos) * BAR_WIDTH
                / Math.max(1, totalNanos));
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String percent(ProgressFigures figures) {
        long percent = Math.min(100, Math.max(0, figures.elapsedNanos()) * 100 / Math.max(1, figures.totalNanos()));
        return String.format(Locale.ROOT, "%3d%%", percent);
    }

    static String phase(Phase phase) {
        return switch (phase) {
            case WARMUP -> "warm-up";
            case MEASURING -> "measuring";
            case DRAINING -> "draining";
            case FINISHED -> "finished";
        };
    }

    private static String rate(double perSecond) {
        String formatted = Units.formatRate(perSecond);
        return formatted.substring(0, formatted.length() - 2);
    }

    private static String p99(ProgressFigures.Kernel kernel) {
        return kernel.p99Nanos() == 0 ? "-" : Units.formatNanos(kernel.p99Nanos());
    }

    private static String utilisation(ProgressFigures.Kernel kernel) {
        return String.format(Locale.ROOT, "%.0f%%", kernel.utilisation() * 100);
    }
}
