package io.crosskernel.api;

import io.crosskernel.api.workload.Source;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service-provider interface through which kernel types plug into the host without touching it.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/io.crosskernel.api.KernelFactory}) and must have a public no-argument constructor.
 *
 * <p>Threading: called on the host thread during validation and boot only.
 */
public interface KernelFactory {
    /** The {@code type:} value in scenario files that selects this factory, e.g. {@code general}. */
    String type();

    /** One line saying what the kernel does, shown by {@code xk topology} and in errors. */
    String description();

    /** The type-specific setting keys this factory accepts; any other key is reported as a scenario error. */
    Set<String> settingKeys();

    /**
     * Checks the settings without creating a kernel.
     *
     * @throws InvalidSettingException naming the setting that is wrong and how to fix it
     */
    void validate(KernelSpec spec);

    /**
     * Admission control: checks that the work the scenario gives this kernel can be scheduled, before anything runs
     * ({@code xk validate} and the host's boot both call it). The default admits everything: best-effort kernels
     * have nothing to check.
     *
     * @param spec     the kernel, with validated settings
     * @param kernelId the kernel's id, to find the stages that run on it in {@code sources}
     * @param sources  every source of the run (each with its route and a prototype schedule; do not advance them)
     * @throws AdmissionException saying which task fails and why
     */
    default void admit(KernelSpec spec, int kernelId, List<Source> sources) {
    }

    /**
     * What a user should know about work this kernel admits but may not run as they expect (a real-time task set
     * at exactly 100% utilisation leaves no time for the dispatcher itself). Called after {@link #admit} accepted
     * the same arguments; {@code xk validate} and {@code xk run} print each as a warning at the kernel. The default
     * has nothing to say.
     *
     * @return one message per concern, each saying what to change; empty when there is none
     */
    default List<String> admissionWarnings(KernelSpec spec, int kernelId, List<Source> sources) {
        return List.of();
    }

    /**
     * Where a kernel of this type will write files during a run, and about how much, so that the host can check the
     * directories and the free space before anything runs. Kernels that write no files (the default) return nothing.
     *
     * @param spec     the kernel, with validated settings
     * @param kernelId the kernel's id, to find the stages that run on it in {@code sources}
     * @param sources  every source of the run (do not advance them: use
     *                 {@link io.crosskernel.api.workload.ArrivalSchedule#expectedArrivals(long)})
     * @param runNanos how long the sources release requests: the warm-up plus the duration
     */
    default List<DiskUse> diskUse(KernelSpec spec, int kernelId, List<Source> sources, long runNanos) {
        return List.of();
    }

    /**
     * What of {@code spec} a simulated run (docs/SIMULATION.md) cannot reproduce: a setting's key mapped to why, the
     * key {@code ""} standing for the kernel type itself. {@code xk run --sim} refuses a scenario with any, naming the
     * setting (exit 2). The default is none: a kernel whose only contact with time and other kernels is its
     * {@link Clock} and its channels runs the same in simulation.
     *
     * @param spec the kernel, with validated settings
     */
    default java.util.Map<String, String> notSimulated(KernelSpec spec) {
        return java.util.Map.of();
    }

    /**
     * The kinds of real work this type's kernels do whose time a simulated run must model, each with its default
     * cost: a kernel asks {@link KernelContext#workCost(String)} by these names, a calibration file overrides them as
     * {@code TYPE.NAME} (docs/SIMULATION.md, "Work costs"). The default is none: a kernel that spends time only
     * through its {@link Clock} needs no model.
     */
    default Map<String, WorkCost> modelledWork() {
        return Map.of();
    }

    /**
     * Measures on this machine what each kind of {@link #modelledWork()} costs, for {@code xk calibrate}: by work
     * name, the cost found. May write files under {@code scratchDir} (a fresh directory the caller deletes) and may
     * take up to a few seconds. The default measures nothing.
     */
    default Map<String, WorkCost> measureWork(java.nio.file.Path scratchDir) {
        return Map.of();
    }

    /**
     * Creates a kernel for {@code spec}; settings have passed {@link #validate(KernelSpec)}.
     */
    Kernel create(KernelSpec spec);
}
