package io.crosskernel.kernels.compute;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.List;
import java.util.Set;

/**
 * Creates {@link ComputeKernel}s for {@code type: compute}. Settings ({@link ComputeSettings}): {@code split}
 * (chunks per batch job, default 4 × cores, 1..4096), {@code maxInFlight} (batch jobs in the ForkJoinPool at once,
 * default 64, at most {@code queueDepth}), {@code queueDepth} (job pool, default 1024) and {@code batch}
 * (per-cycle drain and release limit, default 64). Admission refuses any stage op but {@code spin}.
 *
 * <p>Threading: stateless; called on the host thread during validation and boot.
 */
public final class ComputeKernelFactory implements KernelFactory {
    @Override
    public String type() {
        return "compute";
    }

    @Override
    public String description() {
        return "throughput batch jobs split into chunks on a work-stealing ForkJoinPool pinned to its cores";
    }

    @Override
    public Set<String> settingKeys() {
        return ComputeSettings.KEYS;
    }

    @Override
    public void validate(KernelSpec spec) {
        if (spec.cores().isEmpty()) {
            throw new InvalidSettingException("cores", "compute kernel '" + spec.name()
                    + "' needs at least one core: write for example 'cores: [1, 2]'");
        }
        ComputeSettings.parse(spec.settings());
    }

    /** Refuses stages whose op is not {@code spin}: a batch job here is CPU work, not a storage operation. */
    @Override
    public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        for (Source source : sources) {
            Route route = source.route();
            for (int s = 0; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (stage.runsOn(kernelId) && stage.op() != StageOp.SPIN) {
                    throw new AdmissionException("compute kernel '" + spec.name() + "' cannot run stage " + s
                            + " of workload '" + route.name() + "': op '" + stage.op() + "' is a storage"
                            + " operation; a compute kernel runs only 'spin' batch jobs (give the stage to a storage"
                            + " kernel, or drop 'op')", route.id(), s);
                }
            }
        }
    }

    @Override
    public Kernel create(KernelSpec spec) {
        validate(spec);
        return new ComputeKernel(ComputeSettings.parse(spec.settings()));
    }
}
