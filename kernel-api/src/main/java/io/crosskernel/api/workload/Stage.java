package io.crosskernel.api.workload;

import io.crosskernel.api.Reshard;

/**
 * One step of a {@link Route}: the kernel that runs it and the work it costs.
 *
 * @param kernelId   id of the kernel that runs this stage
 * @param kernelName that kernel's name, for reports and errors
 * @param costNanos  how long the task runs (a busy spin on the kernel's clock: real CPU time, not a sleep)
 * @param weight     fair-share weight among the tasks of the same kernel (1 is the default; higher gets more CPU)
 * @param failEvery  fault injection: every {@code failEvery}-th task of this stage throws; 0 never fails
 * @param op         what the task does (see {@link StageOp}): a spin (burn {@code costNanos} of CPU) or a data
 *                   operation; a kernel refuses, at admission, an op it does not implement
 * @param sizeBytes  the payload size a data operation works on (0 for {@code spin})
 * @param shards     1 for a stage on one kernel; for a stage addressed to a shard group, the group's size: the
 *                   group's shards are the kernels {@code kernelId .. kernelId + shards - 1} (consecutive ids), and
 *                   the sender picks one by the request's key (docs/SHARDING.md)
 * @param key        the field of the request the sender routes by when the stage is addressed to a shard group
 *                   ({@link #ROUTE_BY_PAYLOAD}); null for a stage on one kernel
 * @param reshard    for a stage addressed to a shard group that reshards live, when and how (the sender routes among
 *                   {@code reshard.from()} shards before the switch and {@code reshard.to()} after it, and
 *                   {@code shards} is then {@code reshard.kernels()}); null otherwise
 */
public record Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery, StageOp op,
        long sizeBytes, int shards, String key, Reshard reshard) {
    /** The one field a stage may route by today: the request's payload, which a keyed workload sets to its key. */
    public static final String ROUTE_BY_PAYLOAD = "payload";

    /** A {@code spin} stage. */
    public Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery) {
        this(kernelId, kernelName, costNanos, weight, failEvery, StageOp.SPIN, 0);
    }

    /** A stage addressed to a shard group whose shard count never changes, or (key null) one on one kernel. */
    public Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery, StageOp op,
            long sizeBytes, int shards, String key) {
        this(kernelId, kernelName, costNanos, weight, failEvery, op, sizeBytes, shards, key, null);
    }

    /** A stage on one kernel. */
    public Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery, StageOp op,
            long sizeBytes) {
        this(kernelId, kernelName, costNanos, weight, failEvery, op, sizeBytes, 1, null);
    }

    public Stage {
        if (op == null) {
            throw new IllegalArgumentException("op is missing: use one of " + StageOp.LABELS);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + sizeBytes);
        }
        if (costNanos < 0) {
            throw new IllegalArgumentException("cost must not be negative, got " + costNanos + "ns");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, got " + weight);
        }
        if (failEvery < 0) {
            throw new IllegalArgumentException("failEvery must not be negative, got " + failEvery);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        if (key == null && shards != 1) {
            throw new IllegalArgumentException("a stage addressed to " + shards + " shards needs the key it routes by");
        }
        if (reshard != null && (key == null || reshard.kernels() != shards)) {
            throw new IllegalArgumentException("a reshard needs a stage addressed to its group's " + reshard.kernels()
                    + " shard kernels by a key");
        }
    }

    /** True when the stage is addressed to a shard group: the sender picks the shard by {@link #key()}. */
    public boolean sharded() {
        return key != null;
    }

    /** True when kernel {@code id} runs this stage: its own kernel, or any shard of its group. */
    public boolean runsOn(int id) {
        return id >= kernelId && id - kernelId < shards;
    }

    /** The largest kernel id that may run this stage. */
    public int lastKernelId() {
        return kernelId + shards - 1;
    }
}
