package io.crosskernel.kernels.common;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.List;

/**
 * The stages one kernel runs: every (route, stage) pair whose stage is on this kernel, numbered densely from 0 (a
 * "group"), with what the kernel needs on its hot path as flat arrays: cost, weight, fault injection, op, size and the
 * name reported when a task fails.
 *
 * <p>Immutable after construction (built on the host thread at boot); any worker may read it.
 */
public final class LocalStages {
    /** Op codes: positions in {@link Stage#OPS}, checked when the class loads. */
    public static final int SPIN = 0;
    public static final int PUT = 1;
    public static final int GET = 2;
    public static final int DELETE = 3;
    public static final int COMPRESS = 4;
    public static final int CHECKSUM = 5;
    public static final int ENCRYPT = 6;

    static {
        if (!Stage.OPS.equals(List.of("spin", "put", "get", "delete", "compress", "checksum", "encrypt"))) {
            throw new ExceptionInInitializerError("Stage.OPS changed: update the op codes of LocalStages");
        }
    }

    private final int[][] groupOf;
    private final long[] costNanos;
    private final int[] weights;
    private final long[] failEvery;
    private final int[] ops;
    private final int[] sizes;
    private final String[] names;

    public LocalStages(int kernelId, List<Route> routes) {
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
        ops = new int[count];
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
                    ops[g] = Stage.OPS.indexOf(stage.op());
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

    /** The group's op code ({@link #SPIN}, {@link #PUT}, ...). */
    public int op(int group) {
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

    /** A copy of every group's weight, indexed by group. */
    public int[] weights() {
        return weights.clone();
    }
}
