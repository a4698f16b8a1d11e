package io.crosskernel.hypervisor.scenario;

import java.util.List;

/**
 * What a process-mode kernel may do in this release, checked when a scenario is read so that {@code xk validate}
 * and {@code xk run} refuse the rest with exit 2 at the line to change (docs/PROCESSES.md, "What is built").
 *
 * <p>A kernel in a process of its own runs {@code general} stages that requests reach through channels: it may be
 * any stage of a route but the first. Sources (streams, bursts, periodic tasks, ingress) release requests and count
 * them generated where they run, and the host's drain check needs every generated count read live; the counts of a
 * kernel process reach the host a moment late, which is safe for what finishes there (the drain waits a tick more)
 * but not for what starts there.
 *
 * <p>Stateless.
 */
final class ProcessIsolationCheck {
    /** The kernel types that may run in a process in this release. */
    static final List<String> PROCESS_TYPES = List.of("general");

    private ProcessIsolationCheck() {
    }

    static void check(List<KernelDecl> kernels, List<WorkloadDecl> workloads) {
        for (KernelDecl kernel : kernels) {
            if (kernel.inProcess() && !PROCESS_TYPES.contains(kernel.type())) {
                throw new ScenarioException(kernel.isolationPos(), "kernel '" + kernel.name() + "' (type '"
                        + kernel.type() + "') cannot run in a process of its own yet: only "
                        + String.join(", ", PROCESS_TYPES) + " kernels can in this release",
                        "give it 'isolation: thread'; docs/PROCESSES.md says what is built");
            }
        }
        for (WorkloadDecl workload : workloads) {
            KernelDecl first = kernels.get(workload.route().stage(0).kernelId());
            if (first.inProcess()) {
                throw new ScenarioException(workload.stagePos().get(0), "workload '" + workload.route().name()
                        + "' starts on kernel '" + first.name() + "', which runs in a process of its own: a"
                        + " process-mode kernel cannot release a workload's requests yet (sources and periodic"
                        + " tasks run on thread-mode kernels)", "start the workload on a thread-mode kernel and hand"
                        + " it to '" + first.name() + "' in a later stage; docs/PROCESSES.md says what is built");
            }
        }
    }
}
