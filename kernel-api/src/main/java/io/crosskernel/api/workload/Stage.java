package io.crosskernel.api.workload;

/**
 * One step of a {@link Route}: the kernel that runs it and the work it costs.
 *
 * @param kernelId   id of the kernel that runs this stage
 * @param kernelName that kernel's name, for reports and errors
 * @param costNanos  how long the task runs (a busy spin on the kernel's clock: real CPU time, not a sleep)
 * @param weight     fair-share weight among the tasks of the same kernel (1 is the default; higher gets more CPU)
 * @param failEvery  fault injection: every {@code failEvery}-th task of this stage throws; 0 never fails
 * @param op         what the task does: {@code spin} (burn {@code costNanos} of CPU) or a data operation of the
 *                   storage kernel ({@code put}, {@code get}, {@code delete}, {@code compress}, {@code checksum},
 *                   {@code encrypt}); a kernel refuses, at admission, an op it does not implement
 * @param sizeBytes  the payload size a data operation works on (0 for {@code spin})
 */
public record Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery, String op,
        long sizeBytes) {
    /** The default op: a busy spin of {@code costNanos}. */
    public static final String SPIN = "spin";
    /** Every op a scenario may name, in the order documented. */
    public static final java.util.List<String> OPS =
            java.util.List.of(SPIN, "put", "get", "delete", "compress", "checksum", "encrypt");

    /** A {@code spin} stage. */
    public Stage(int kernelId, String kernelName, long costNanos, int weight, long failEvery) {
        this(kernelId, kernelName, costNanos, weight, failEvery, SPIN, 0);
    }

    public Stage {
        if (!OPS.contains(op)) {
            throw new IllegalArgumentException("unknown op '" + op + "': use one of " + OPS);
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
