package io.crosskernel.kernels.common;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Admission check shared by kernel types: a stage that asks a kernel for an op it does not implement would otherwise
 * run as something else (a zero-cost spin) and silently do nothing.
 *
 * <p>Stateless; called on the host thread during validation.
 */
public final class OpAdmission {
    /** What a kernel that only burns CPU runs. */
    public static final Set<StageOp> SPIN_ONLY = Collections.unmodifiableSet(EnumSet.of(StageOp.SPIN));
    /** The largest {@code size} a data op may ask of a kernel that is not a storage kernel. */
    public static final long MAX_JOB_SIZE_BYTES = 16L << 20;

    private OpAdmission() {
    }

    /**
     * @param kernelType the kernel's type, for the message
     * @param allowed    the ops the kernel implements
     * @throws AdmissionException naming the first stage on {@code kernelId} whose op is not allowed
     */
    public static void check(String kernelType, int kernelId, List<Source> sources, Set<StageOp> allowed) {
        for (Source source : sources) {
            Route route = source.route();
            for (int s = 0; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (!stage.runsOn(kernelId)) {
                    continue;
                }
                if (!allowed.contains(stage.op())) {
                    throw new AdmissionException("stage " + s + " of workload '" + route.name() + "' asks for op '"
                            + stage.op() + "', but a " + kernelType + " kernel runs only " + labels(allowed)
                            + ": move that stage to a storage kernel", route.id(), s);
                }
                if (stage.sizeBytes() > MAX_JOB_SIZE_BYTES) {
                    throw new AdmissionException("stage " + s + " of workload '" + route.name() + "' asks for "
                            + stage.sizeBytes() + " bytes, above the " + MAX_JOB_SIZE_BYTES + " a " + kernelType
                            + " kernel's data jobs take", route.id(), s);
                }
            }
        }
    }

    /** The labels of {@code ops} in alphabetical order, as a list: {@code [checksum, compress, spin]}. */
    private static String labels(Set<StageOp> ops) {
        TreeSet<String> labels = new TreeSet<>();
        for (StageOp op : ops) {
            labels.add(op.label());
        }
        return labels.toString();
    }

    /** The largest {@code size} of the stages on {@code kernelId} (0 when none is a data op). */
    public static int maxSize(int kernelId, List<Route> routes) {
        long max = 0;
        for (Route route : routes) {
            for (Stage stage : route.stages()) {
                if (stage.runsOn(kernelId) && stage.op() != StageOp.SPIN) {
                    max = Math.max(max, stage.sizeBytes());
                }
            }
        }
        return (int) Math.min(max, MAX_JOB_SIZE_BYTES);
    }
}
