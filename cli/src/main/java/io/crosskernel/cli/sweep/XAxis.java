package io.crosskernel.cli.sweep;

import java.util.List;

/**
 * What a sweep's chart puts along x: the offered load, as requests per second when the sweep changes it (a rate, a
 * period, a burst's size), else as offered CPU utilisation when that changes (a stage's cost), else the swept value
 * itself (a kernel setting, a channel's capacity: the load stays the same).
 */
public enum XAxis {
    OFFERED_PER_SECOND("offeredPerSecond", "offered load (requests per second, all workloads)"),
    OFFERED_UTILISATION("offeredUtilisation", "offered load (CPU time asked for / the kernels' cores, %)"),
    VALUE("value", "the swept value");

    private final String field;
    private final String title;

    XAxis(String field, String title) {
        this.field = field;
        this.title = title;
    }

    /** The point field the axis reads, as {@code sweep.json} names it. */
    public String field() {
        return field;
    }

    /** The axis title (for {@link #VALUE}, the caller names the key). */
    public String title() {
        return title;
    }

    /** The point's position along this axis. */
    public double of(PointResult point) {
        return switch (this) {
            case OFFERED_PER_SECOND -> point.offeredPerSecond();
            case OFFERED_UTILISATION -> point.offeredUtilisation() * 100;
            case VALUE -> point.baseValue();
        };
    }

    /** The first axis along which the first curve's points differ (refused points have no load to compare). */
    public static XAxis choose(List<PointResult> all) {
        List<PointResult> points = all.stream().filter(p -> p.status() != PointStatus.REFUSED).toList();
        if (points.isEmpty()) {
            return VALUE;
        }
        for (XAxis axis : List.of(OFFERED_PER_SECOND, OFFERED_UTILISATION)) {
            for (PointResult point : points) {
                if (Math.abs(axis.of(point) - axis.of(points.get(0))) > 1e-9 * Math.max(1, Math.abs(axis.of(point)))) {
                    return axis;
                }
            }
        }
        return VALUE;
    }
}
