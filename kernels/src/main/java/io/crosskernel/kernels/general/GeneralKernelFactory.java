package io.crosskernel.kernels.general;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.kernels.common.OpAdmission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Creates {@link GeneralKernel}s for {@code type: general}. Settings: {@code queueDepth} (job pool size, default
 * 4096, 16..1048576) and {@code batch} (per-cycle drain and release limit, default 64, 1..65536).
 *
 * <p>Threading: stateless; called on the host thread during validation and boot.
 */
public final class GeneralKernelFactory implements KernelFactory {
    /**
     * CPU work: spins, the stateless data jobs and garbage ({@code allocate}); put/get/delete need a storage kernel's
     * durable log.
     */
    static final Set<StageOp> GENERAL_OPS =
            Collections.unmodifiableSet(EnumSet.of(StageOp.SPIN, StageOp.COMPRESS, StageOp.CHECKSUM,
                    StageOp.ENCRYPT, StageOp.ALLOCATE));

    @Override
    public String type() {
        return "general";
    }

    @Override
    public String description() {
        return "weighted fair share (CFS-style) for best-effort work, run to completion on every core it owns";
    }

    @Override
    public Set<String> settingKeys() {
        return GeneralSettings.KEYS;
    }

    @Override
    public void validate(KernelSpec spec) {
        if (spec.cores().isEmpty()) {
            throw new InvalidSettingException("cores", "general kernel '" + spec.name()
                    + "' needs at least one core: write for example 'cores: [1]'");
        }
        GeneralSettings.parse(spec.settings());
    }

    @Override
    public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        OpAdmission.check("general", kernelId, sources, GENERAL_OPS);
    }

    @Override
    public Kernel create(KernelSpec spec) {
        validate(spec);
        return new GeneralKernel(GeneralSettings.parse(spec.settings()));
    }
}
