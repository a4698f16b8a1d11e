package io.crosskernel.cli.html;

import java.util.List;
import java.util.Locale;

/**
 * Line colours of the report's charts. A kernel keeps its hue in every chart and so does a route (kernels and routes
 * draw from two disjoint lists), but each chart shifts the blue channel by {@link Chart#ordinal()} units: invisible to
 * the eye, and it lets a screenshot test tell by exact pixel colour which chart drew a line. Stateless.
 */
final class Palette {
    /** Which chart a colour is for. */
    enum Chart {
        LATENCY, UTILISATION, THROUGHPUT
    }

    // Blue channels stay at or below 250 so the shift never wraps; none is a grey (grid lines and text are grey).
    private static final List<String> KERNELS = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#bcbd22");
    private static final List<String> ROUTES = List.of("#ff7f0e", "#e6ab02", "#a6761d", "#66a61e", "#e7298a",
            "#7570b3", "#1b9e77", "#d95f02");

    private Palette() {
    }

    /** The colour of the {@code index}-th kernel (scenario order) in {@code chart}. */
    static String kernel(int index, Chart chart) {
        return shifted(KERNELS.get(index % KERNELS.size()), chart);
    }

    /** The colour of the {@code index}-th route (scenario order) in {@code chart}. */
    static String route(int index, Chart chart) {
        return shifted(ROUTES.get(index % ROUTES.size()), chart);
    }

    private static String shifted(String colour, Chart chart) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        return String.format(Locale.ROOT, "#%06x", rgb + chart.ordinal());
    }

    /** {@code #rrggbb} as a 24-bit RGB value, as {@code BufferedImage.getRGB} gives it without the alpha byte. */
    static int rgb(String colour) {
        return Integer.parseInt(colour.substring(1), 16);
    }
}
