package io.crosskernel.cli.html;

import java.util.List;

/**
 * One line of a {@link LineChart}. Immutable.
 *
 * @param name   the legend entry
 * @param colour the stroke colour, {@code #rrggbb}
 * @param dashed true to draw the line dashed (to tell two families of lines apart)
 * @param points in drawing order, in axis units
 */
record Series(String name, String colour, boolean dashed, List<Point> points) {

    /** A point in axis units. */
    record Point(double x, double y) {
    }

    Series {
        points = List.copyOf(points);
    }
}
