package io.crosskernel.kernels.general;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.kernels.common.OpAdmission;
import io.crosskernel.kernels.storage.jobs.DataJobs;
import java.util.List;

/**
 * The task groups of one general kernel: every (route, stage) pair the kernel runs, numbered densely from 0, with
 * each group's cost, weight, fault injection and name.
 *
 * <p>Immutable after construction (built on the host thread at boot); any worker may read it.
 */
final class TaskGroups {
    private final int[][] groupOf;
    private final long[] costNanos;
    private final int[] weights;
    private final long[] failEvery;
    private final String[] names;
    private final int[] opcodes;
    private final int[] sizes;

    TaskGroups(int kernelId, List<Route> routes) {
        int count = 0;
        groupOf = new int[routes.size()][];
        for (Route route : routes) {
            int[] byStage = new int[route.stages().size()];
            for (int s = 0; s < byStage.length; s++) {
                byStage[s] = route.stage(s).kernelId() == kernelId ? count++ : -1;
            }
            groupOf[route.id()] = byStage;
        }
        costNanos = new long[count];
        weights = new int[count];
        failEvery = new long[count];
        names = new String[count];
        opcodes = new int[count];
        sizes = new int[count];
        for (Route route : routes) {
            for (int s = 0; s < route.stages().size(); s++) {
                int g = groupOf[route.id()][s];
                if (g >= 0) {
                    Stage stage = route.stage(s);
                    costNanos[g] = stage.costNanos();
                    weights[g] = stage.weight();
                    failEvery[g] = stage.failEvery();
                    names[g] = route.name() + "#" + s;
                    opcodes[g] = DataJobs.opcode(stage.op());
                    sizes[g] = (int) Math.min(stage.sizeBytes(), OpAdmission.MAX_JOB_SIZE_BYTES);
                }
            }
        }
    }

    /** @return the group of stage {@code stage} of route {@code routeId}, or -1 when that stage runs elsewhere */
    int groupOf(int routeId, int stage) {
        if (routeId < 0 || routeId >= groupOf.length) {
            return -1;
        }
        int[] byStage = groupOf[routeId];
        return stage >= 0 && stage < byStage.length ? byStage[stage] : -1;
    }

    int count() {
        return costNanos.length;
    }

    long costNanos(int group) {
        return costNanos[group];
    }

    long failEvery(int group) {
        return failEvery[group];
    }

    /** The name reported for a failing task: {@code route#stage}. */
    String name(int group) {
        return names[group];
    }

    /** The group's data job ({@link DataJobs#COMPRESS}, ...), or {@link DataJobs#NOT_A_JOB} for a spin. */
    int opcode(int group) {
        return opcodes[group];
    }

    /** Bytes the group's data job works on. */
    int size(int group) {
        return sizes[group];
    }

    /** True when some group runs a data job, so workers need {@link DataJobs}. */
    boolean hasDataJobs() {
        for (int opcode : opcodes) {
            if (opcode != DataJobs.NOT_A_JOB) {
                return true;
            }
        }
        return false;
    }

    /** A copy of every group's weight, indexed by group. */
    int[] weights() {
        return weights.clone();
    }
}
