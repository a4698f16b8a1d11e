package io.crosskernel.kernels.storage;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.List;

/**
 * The stages one storage kernel runs: every (route, stage) pair whose stage is on this kernel, numbered densely from
 * 0, with its op (as an index into {@link Stage#OPS}), size, cost, fault injection and name.
 *
 * <p>Immutable after construction (built on the host thread at boot); the worker reads it.
 */
final class StorageStages {
    static final int SPIN = 0;
    static final int PUT = 1;
    static final int GET = 2;
    static final int DELETE = 3;
    static final int COMPRESS = 4;
    static final int CHECKSUM = 5;
    static final int ENCRYPT = 6;

    static {
        // the constants above are positions in Stage.OPS; fail loudly at class load if that list is reordered
        if (!Stage.OPS.equals(List.of("spin", "put", "get", "delete", "compress", "checksum", "encrypt"))) {
            throw new ExceptionInInitializerError("Stage.OPS changed: update StorageStages");
        }
    }

    private final int[][] groupOf;
    private final int[] op;
    private final int[] size;
    private final long[] costNanos;
    private final long[] failEvery;
    private final String[] names;

    StorageStages(int kernelId, List<Route> routes) {
        int count = 0;
        groupOf = new int[routes.size()][];
        for (Route route : routes) {
            int[] byStage = new int[route.stages().size()];
            for (int s = 0; s < byStage.length; s++) {
                byStage[s] = route.stage(s).kernelId() == kernelId ? count++ : -1;
            }
            groupOf[route.id()] = byStage;
        }
        op = new int[count];
        size = new int[count];
        costNanos = new long[count];
        failEvery = new long[count];
        names = new String[count];
        for (Route route : routes) {
            for (int s = 0; s < route.stages().size(); s++) {
                int g = groupOf[route.id()][s];
                if (g >= 0) {
                    Stage stage = route.stage(s);
                    op[g] = Stage.OPS.indexOf(stage.op());
                    // admission has bounded it by maxValue; clamp so a kernel created without admission cannot overflow
                    size[g] = (int) Math.min(stage.sizeBytes(), Integer.MAX_VALUE);
                    costNanos[g] = stage.costNanos();
                    failEvery[g] = stage.failEvery();
                    names[g] = route.name() + "#" + s + " (" + stage.op() + ")";
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
        return op.length;
    }

    int op(int group) {
        return op[group];
    }

    int size(int group) {
        return size[group];
    }

    long costNanos(int group) {
        return costNanos[group];
    }

    long failEvery(int group) {
        return failEvery[group];
    }

    /** The name reported for a failing task: {@code route#stage (op)}. */
    String name(int group) {
        return names[group];
    }
}
