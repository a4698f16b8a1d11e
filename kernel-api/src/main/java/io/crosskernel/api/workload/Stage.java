package io.crosskernel.api.workload;

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
 */
public record Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery, StageOp op,
        long sizeBytes) {
    /** A {@code spin} stage. */
    public Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery) {
        this(kernelId, kernelName, costNanos, weight, failEvery, StageOp.SPIN, 0);
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
    }
}
