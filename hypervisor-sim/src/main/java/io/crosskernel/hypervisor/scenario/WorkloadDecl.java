package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.Route;

/**
 * One entry of {@code workload:}: a route and when its requests arrive.
 *
 * @param route    the stages; {@code route.id()} is this entry's index
 * @param schedule a prototype schedule; every run takes {@link ArrivalSchedule#copy()}
 * @param pos      where the entry starts
 */
public record WorkloadDecl(Route route, ArrivalSchedule schedule, SourcePos pos) {
    public String name() {
        return route.name();
    }
}
