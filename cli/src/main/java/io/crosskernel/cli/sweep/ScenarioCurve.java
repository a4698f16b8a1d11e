package io.crosskernel.cli.sweep;

import java.util.List;

/**
 * One scenario's points in a sweep. Immutable.
 *
 * @param name      the scenario's {@code name:}
 * @param file      the file as given on the command line
 * @param against   true for the {@code --against} scenario
 * @param workloads its workloads' names, in scenario order
 * @param points    in increasing value
 */
public record ScenarioCurve(String name, String file, boolean against, List<String> workloads,
        List<PointResult> points) {
    public ScenarioCurve {
        workloads = List.copyOf(workloads);
        points = List.copyOf(points);
    }

    /** The same curve with point {@code index} replaced. */
    public ScenarioCurve with(PointResult point) {
        List<PointResult> updated = new java.util.ArrayList<>(points);
        updated.set(point.index(), point);
        return new ScenarioCurve(name, file, against, workloads, updated);
    }
}
