package io.crosskernel.kernels.compute;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.List;

/**
 * Every (route, stage) pair that runs on one compute kernel, numbered densely from 0, with each one's total cost,
 * fault injection and name.
 *
 * <p>Immutable after construction (built on the host thread at boot); any thread may read it.
 */
final class BatchStages {
    private final int[][] indexOf;
    private final long[] costNanos;
    private final long[] failEvery;
    private final String[] names;

    BatchStages(int kernelId, List<Route> routes) {
        int count = 0;
        indexOf = new int[routes.size()][];
        for (Route route : routes) {
            int[] byStage = new int[route.stages().size()];
            for (int s = 0; s < byStage.length; s++) {
                byStage[s] = route.stage(s).kernelId() == kernelId ? count++ : -1;
            }
            indexOf[route.id()] = byStage;
        }
        costNanos = new long[count];
        failEvery = new long[count];
        names = new String[count];
        for (Route route : routes) {
            for (int s = 0; s < route.stages().size(); s++) {
                int i = indexOf[route.id()][s];
                if (i >= 0) {
                    Stage stage = route.stage(s);
                    costNanos[i] = stage.costNanos();
                    failEvery[i] = stage.failEvery();
                    names[i] = route.name() + "#" + s;
                }
            }
        }
    }

    /** @return the index of stage {@code stage} of route {@code routeId}, or -1 when that stage runs elsewhere */
    int indexOf(int routeId, int stage) {
        if (routeId < 0 || routeId >= indexOf.length) {
            return -1;
        }
        int[] byStage = indexOf[routeId];
        return stage >= 0 && stage < byStage.length ? byStage[stage] : -1;
    }

    int count() {
        return costNanos.length;
    }

    /** The batch job's total CPU work, shared out over its chunks. */
    long costNanos(int index) {
        return costNanos[index];
    }

    long failEvery(int index) {
        return failEvery[index];
    }

    /** The name reported for a failing batch: {@code route#stage}. */
    String name(int index) {
        return names[index];
    }
}
