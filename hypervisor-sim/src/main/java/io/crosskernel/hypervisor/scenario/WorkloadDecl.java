package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.Route;
import java.util.Collections;
import java.util.List;

/**
 * One entry of {@code workload:}: a route and when its requests arrive.
 *
 * @param route      the stages; {@code route.id()} is this entry's index
 * @param schedule   a prototype schedule; every run takes {@link ArrivalSchedule#copy()}
 * @param pos        where the entry starts
 * @param stagePos   where each stage is written, in route order (admission errors point there)
 * @param releasePos where the first release is set: the burst's {@code at}, the periodic {@code offset}, or the
 *                   kind's key when they are not written (warnings about releases outside the run point there)
 */
public record WorkloadDecl(Route route, ArrivalSchedule schedule, SourcePos pos, List<SourcePos> stagePos,
        SourcePos releasePos) {
    public WorkloadDecl {
        stagePos = List.copyOf(stagePos);
        if (stagePos.size() != route.stages().size()) {
            throw new IllegalArgumentException("one position per stage: " + stagePos.size() + " for "
                    + route.stages().size() + " stages");
        }
    }

    /** An entry whose stages and first release are all placed at the entry (tests, embedding). */
    public WorkloadDecl(Route route, ArrivalSchedule schedule, SourcePos pos) {
        this(route, schedule, pos, Collections.nCopies(route.stages().size(), pos), pos);
    }

    public String name() {
        return route.name();
    }
}
