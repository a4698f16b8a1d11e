package io.crosskernel.api.workload;

/**
 * Where requests of one route come from: the route and when its requests are released. The source runs on the
 * kernel of the route's first stage.
 *
 * <p>Threading: the schedule is stateful; only the first-stage kernel's worker 0 may poll it.
 */
public record Source(Route route, ArrivalSchedule schedule) {
}
