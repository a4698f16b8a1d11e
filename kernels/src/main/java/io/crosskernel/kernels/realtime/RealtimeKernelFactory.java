package io.crosskernel.kernels.realtime;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Source;
import java.util.List;
import java.util.Set;

/**
 * Creates {@link RealtimeKernel}s for {@code type: realtime}, and admits their task sets: the stages a scenario puts
 * on the kernel (see {@link RealtimeTaskSet}) must pass {@link SchedulabilityAnalysis} under the kernel's policy and
 * the dispatcher's non-preemptive model, or the scenario is refused before anything runs.
 *
 * <p>Settings ({@link RealtimeSettings}): {@code policy} edf|rm|dm (default edf), {@code spinAhead} (50us),
 * {@code overrunSlack} (10us), {@code sporadic} (e.g. {@code "orders=200us,alerts=1ms"}), {@code queueDepth} (1024).
 *
 * <p>Threading: stateless; called on the host thread during validation, admission and boot.
 */
public final class RealtimeKernelFactory implements KernelFactory {
    @Override
    public String type() {
        return "realtime";
    }

    @Override
    public String description() {
        return "periodic and sporadic tasks under EDF or rate/deadline-monotonic priorities on one core, admitted by"
                + " schedulability analysis, run to completion, busy-spinning to each release";
    }

    @Override
    public Set<String> settingKeys() {
        return RealtimeSettings.KEYS;
    }

    @Override
    public void validate(KernelSpec spec) {
        if (spec.cores().size() != 1) {
            throw new InvalidSettingException("cores", "realtime kernel '" + spec.name() + "' has "
                    + spec.cores().size() + " cores " + spec.cores() + ": give the realtime kernel exactly one core,"
                    + " for example 'cores: [1]' (it runs one dispatcher; declare several realtime kernels to use"
                    + " more cores)");
        }
        RealtimeSettings.parse(spec.settings());
    }

    /**
     * Builds the task set of the stages on this kernel and runs the schedulability analysis.
     *
     * @throws io.crosskernel.api.AdmissionException with the analysis's message (policy, utilisation, the failing
     *                                               task and its worst-case response time or demand), or saying
     *                                               which stage cannot be a real-time task
     */
    @Override
    public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        RealtimeSettings settings = RealtimeSettings.parse(spec.settings());
        RealtimeTaskSet taskSet = RealtimeTaskSet.fromSources(spec.name(), kernelId, sources, settings);
        if (!taskSet.isEmpty()) {
            SchedulabilityAnalysis.admit(taskSet, settings.policy());
        }
    }

    /**
     * A set at exactly 100% utilisation is admitted (the analysis is exact), but the analysis assumes a dispatcher
     * that costs nothing: every real release then starts a little later than the last, so say so.
     */
    @Override
    public List<String> admissionWarnings(KernelSpec spec, int kernelId, List<Source> sources) {
        RealtimeSettings settings = RealtimeSettings.parse(spec.settings());
        RealtimeTaskSet taskSet = RealtimeTaskSet.fromSources(spec.name(), kernelId, sources, settings);
        if (taskSet.isEmpty() || !Utilisation.of(taskSet.tasks()).isExactlyOne()) {
            return List.of();
        }
        return List.of("realtime kernel '" + spec.name() + "' is admitted at exactly 100% utilisation: the analysis"
                + " assumes dispatching costs nothing, so with no slack left each release starts a little later than"
                + " the one before and lateness grows over the run; lower a cost or lengthen a period to leave some"
                + " slack");
    }

    @Override
    public Kernel create(KernelSpec spec) {
        validate(spec);
        return new RealtimeKernel(RealtimeSettings.parse(spec.settings()));
    }
}
