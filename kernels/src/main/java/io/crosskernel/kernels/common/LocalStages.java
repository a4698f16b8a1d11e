package io.crosskernel.kernels.common;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.List;

/**
 * The stages one kernel runs: every (route, stage) pair whose stage is on this kernel, numbered densely from 0 (a
 * "group"), with what the kernel needs on its hot path as flat arrays: cost, weight, fault injection, op, size and the
 * name reported when a task fails.
 *
 * <p>Immutable after construction (built on the host thread at boot); any worker may read it.
 */
public final class LocalStages {
    private final int[][] groupOf;
    private final long[] costNanos;
    private final int[] weights;
    private final long[] failEvery;
    private final StageOp[] ops;
    private final int[] sizes;
    private final String[] names;

    public LocalStages(int kernelId, List<Route> routes) {
        int count = 0;
        groupOf = new int[routes.size()][];
        for (Route route : routes) {
            int[] byStage = new int[route.stages().size()];
            for (int s = 0; s < byStage.length; s++) {
                byStage[s] = route.stage(s).runsOn(kernelId) ? count++ : -1;
            }
            groupOf[route.id()] = byStage;
        }
        costNanos = new long[count];
        weights = new int[count];
        failEvery = new long[count];
        ops = new StageOp[count];
        sizes = new int[count];
        names = new String[count];
        for (Route route : routes) {
            for (int s = 0; s < route.stages().size(); s++) {
                int g = groupOf[route.id()][s];
                if (g >= 0) {
                    Stage stage = route.stage(s);
                    costNanos[g] = stage.costNanos();
                    weights[g] = stage.weight();
                    failEvery[g] = stage.failEvery();
                    ops[g] = stage.op();
                    // Admission bounds it; clamp so a kernel created without admission cannot overflow a buffer index.
                    sizes[g] = (int) Math.min(stage.sizeBytes(), Integer.MAX_VALUE);
                    names[g] = route.name() + "#" + s;
                }
            }
        }
    }

    /** @return the group of stage {@code stage} of route {@code routeId}, or -1 when that stage runs elsewhere */
    public int groupOf(int routeId, int stage) {
        if (routeId < 0 || routeId >= groupOf.length) {
            return -1;
        }
        int[] byStage = groupOf[routeId];
        return stage >= 0 && stage < byStage.length ? byStage[stage] : -1;
    }

    public int count() {
        return costNanos.length;
    }

    public long costNanos(int group) {
        return costNanos[group];
    }

    public long failEvery(int group) {
        return failEvery[group];
    }

    /** What the group's tasks do. */
    public StageOp op(int group) {
        return ops[group];
    }

    /** Bytes the group's data op works on. */
    public int size(int group) {
        return sizes[group];
    }

    /** The name reported for a failing task: {@code route#stage}. */
    public String name(int group) {
        return names[group];
    }

    /** A copy of every group's failure name ({@link #name}), indexed by group. */
    public String[] names() {
        return names.clone();
    }

    /**
     * Per group, the longest a task may run before it counts as a budget overrun: its {@code cost} plus
     * {@code slackNanos}. A data op's {@code cost} is a budget, not a length (the op is not padded to it), so a data op
     * with cost 0 has none ({@link DispatcherCore#NO_BUDGET}).
     */
    public long[] budgetsNanos(long slackNanos) {
        long[] budgets = new long[costNanos.length];
        for (int g = 0; g < budgets.length; g++) {
            budgets[g] = ops[g] == StageOp.SPIN || costNanos[g] > 0 ? costNanos[g] + slackNanos
                    : DispatcherCore.NO_BUDGET;
        }
        return budgets;
    }

    /** A copy of every group's weight, indexed by group. */
    public int[] weights() {
        return weights.clone();
    }
}
