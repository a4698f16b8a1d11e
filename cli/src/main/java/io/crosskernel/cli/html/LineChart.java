package io.crosskernel.cli.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws lines over two {@link Axis axes} as a standalone inline SVG element: title, grid, tick labels, axis titles,
 * one polyline per series, optional vertical markers and a legend. Not thread-safe (a builder); render once.
 */
final class LineChart {
    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final int WIDTH = 960;
    private static final int MIN_HEIGHT = 360;
    private static final int LEFT = 84;
    private static final int PLOT_RIGHT = 730;
    private static final int TOP = 44;
    private static final int BELOW = 62;
    private static final int LEGEND_ROW = 20;
    private static final int LEGEND_CHARS = 28;

    private final String title;
    private final Axis x;
    private final Axis y;
    private final List<Series> series = new ArrayList<>();
    private final List<Axis.Tick> markers = new ArrayList<>();

    LineChart(String title, Axis x, Axis y) {
        this.title = title;
        this.x = x;
        this.y = y;
    }

    LineChart add(Series line) {
        series.add(line);
        return this;
    }

    /** A dashed vertical line at {@code x}, labelled at its top (a phase boundary, say). */
    LineChart marker(double value, String label) {
        markers.add(new Axis.Tick(value, label));
        return this;
    }

    String render() {
        int height = Math.max(MIN_HEIGHT, TOP + BELOW + LEGEND_ROW * (series.size() + 1));
        int bottom = height - BELOW;
        Markup svg = new Markup();
        svg.open("svg", "xmlns", SVG_NAMESPACE, "width", String.valueOf(WIDTH), "height", String.valueOf(height),
                "viewBox", "0 0 " + WIDTH + " " + height, "role", "img", "class", "chart", "font-family",
                "sans-serif", "font-size", "12");
        svg.element("title", title);
        svg.empty("rect", "x", "0", "y", "0", "width", String.valueOf(WIDTH), "height", String.valueOf(height),
                "fill", "#ffffff");
        svg.element("text", title, "x", String.valueOf(WIDTH / 2), "y", "24", "text-anchor", "middle",
                "font-size", "16", "font-weight", "bold", "fill", "#222222");

        for (Axis.Tick tick : x.ticks()) {
            String px = Format.coordinate(px(tick.value()));
            svg.empty("line", "x1", px, "y1", String.valueOf(TOP), "x2", px, "y2", String.valueOf(bottom),
                    "stroke", "#dddddd", "stroke-width", "1");
            svg.element("text", tick.label(), "x", px, "y", String.valueOf(bottom + 18), "text-anchor", "middle",
                    "fill", "#333333");
        }
        for (Axis.Tick tick : y.ticks()) {
            String py = Format.coordinate(py(tick.value(), bottom));
            svg.empty("line", "x1", String.valueOf(LEFT), "y1", py, "x2", String.valueOf(PLOT_RIGHT), "y2", py,
                    "stroke", "#dddddd", "stroke-width", "1");
            svg.element("text", tick.label(), "x", String.valueOf(LEFT - 6), "y", py, "text-anchor", "end",
                    "dominant-baseline", "middle", "fill", "#333333");
        }
        svg.empty("rect", "x", String.valueOf(LEFT), "y", String.valueOf(TOP), "width",
                String.valueOf(PLOT_RIGHT - LEFT), "height", String.valueOf(bottom - TOP), "fill", "none",
                "stroke", "#444444", "stroke-width", "1");
        svg.element("text", x.title(), "x", String.valueOf((LEFT + PLOT_RIGHT) / 2), "y",
                String.valueOf(bottom + 42), "text-anchor", "middle", "fill", "#222222");
        int yMiddle = (TOP + bottom) / 2;
        svg.element("text", y.title(), "x", "18", "y", String.valueOf(yMiddle), "text-anchor", "middle",
                "transform", "rotate(-90 18 " + yMiddle + ")", "fill", "#222222");

        for (Axis.Tick marker : markers) {
            String px = Format.coordinate(px(marker.value()));
            svg.empty("line", "x1", px, "y1", String.valueOf(TOP), "x2", px, "y2", String.valueOf(bottom),
                    "stroke", "#888888", "stroke-width", "1", "stroke-dasharray", "4 3");
            svg.element("text", marker.label(), "x", px, "y", String.valueOf(TOP - 4), "text-anchor", "middle",
                    "font-size", "11", "fill", "#555555");
        }

        boolean anyPoint = false;
        for (Series line : series) {
            if (line.points().isEmpty()) {
                continue;
            }
            anyPoint = true;
            svg.open("g", "class", "series");
            svg.element("title", line.name());
            StringBuilder points = new StringBuilder();
            for (Series.Point point : line.points()) {
                points.append(points.length() == 0 ? "" : " ").append(Format.coordinate(px(point.x()))).append(',')
                        .append(Format.coordinate(py(point.y(), bottom)));
            }
            svg.empty("polyline", "points", points.toString(), "fill", "none", "stroke", line.colour(),
                    "stroke-width", "3", "stroke-linejoin", "round", "stroke-dasharray",
                    line.dashed() ? "9 4" : null);
            if (line.points().size() == 1) {
                Series.Point only = line.points().get(0);
                svg.empty("circle", "cx", Format.coordinate(px(only.x())), "cy",
                        Format.coordinate(py(only.y(), bottom)), "r", "4", "fill", line.colour());
            }
            svg.close("g");
        }
        if (!anyPoint) {
            svg.element("text", "nothing was recorded", "x", String.valueOf((LEFT + PLOT_RIGHT) / 2), "y",
                    String.valueOf(yMiddle), "text-anchor", "middle", "font-size", "14", "fill", "#777777");
        }

        int row = 0;
        for (Series line : series) {
            int ly = TOP + 8 + LEGEND_ROW * row++;
            svg.empty("line", "x1", String.valueOf(PLOT_RIGHT + 16), "y1", String.valueOf(ly), "x2",
                    String.valueOf(PLOT_RIGHT + 40), "y2", String.valueOf(ly), "stroke", line.colour(),
                    "stroke-width", "3", "stroke-dasharray", line.dashed() ? "9 4" : null);
            svg.element("text", legendName(line.name()) + (line.points().isEmpty() ? " (no data)" : ""), "x",
                    String.valueOf(PLOT_RIGHT + 46), "y", String.valueOf(ly), "dominant-baseline", "middle",
                    "fill", "#222222");
        }
        svg.close("svg");
        return svg.toString();
    }

    private static String legendName(String name) {
        return name.length() <= LEGEND_CHARS ? name : name.substring(0, LEGEND_CHARS - 1) + "…";
    }

    private double px(double value) {
        return LEFT + x.fraction(value) * (PLOT_RIGHT - LEFT);
    }

    private double py(double value, int bottom) {
        return bottom - y.fraction(value) * (bottom - TOP);
    }
}
