package io.crosskernel.hypervisor.scenario;

import java.util.List;

/**
 * What a process-mode kernel may do in this release, checked when a scenario is read so that {@code xk validate}
 * and {@code xk run} refuse the rest with exit 2 at the line to change (docs/PROCESSES.md, "What is built").
 *
 * <ul>
 *   <li>Kernel types: {@link #PROCESS_TYPES}. An {@code io} kernel owns sockets and a {@code storage} kernel files
 *       whose hand-over between processes (and across a restart) is not built.</li>
 *   <li>A workload may start on a process-mode kernel (its sources and periodic tasks release there: the host's
 *       drain waits for the process to say its sources released their last request, ControlSlot.SOURCES_DONE), but
 *       not with {@code onKernelFailure: restart}: a restarted process would release its sources' arrivals again
 *       from the run's start (where its predecessor stopped releasing is not known to it).</li>
 * </ul>
 *
 * <p>Stateless.
 */
final class ProcessIsolationCheck {
    /** The kernel types that may run in a process in this release. */
    static final List<String> PROCESS_TYPES = List.of("general", "realtime", "compute");

    private ProcessIsolationCheck() {
    }

    static void check(HostSettings host, List<KernelDecl> kernels, List<WorkloadDecl> workloads) {
        for (KernelDecl kernel : kernels) {
            if (kernel.inProcess() && !PROCESS_TYPES.contains(kernel.type())) {
                throw new ScenarioException(kernel.isolationPos(), "kernel '" + kernel.name() + "' (type '"
                        + kernel.type() + "') cannot run in a process of its own yet: only "
                        + String.join(", ", PROCESS_TYPES) + " kernels can in this release",
                        "give it 'isolation: thread'; docs/PROCESSES.md says what is built");
            }
        }
        if (host.onKernelFailure().action() != KernelFailurePolicy.Action.RESTART) {
            return;
        }
        for (WorkloadDecl workload : workloads) {
            KernelDecl first = kernels.get(workload.route().stage(0).kernelId());
            if (first.inProcess()) {
                throw new ScenarioException(workload.stagePos().get(0), "workload '" + workload.route().name()
                        + "' starts on kernel '" + first.name() + "', which runs in a process of its own, and"
                        + " host.onKernelFailure is 'restart': a restarted kernel process cannot resume its sources"
                        + " (it would release their arrivals again from the run's start)", "use onKernelFailure"
                        + " 'stop' or 'continue', or start the workload on a thread-mode kernel; docs/PROCESSES.md"
                        + " says what is built");
            }
        }
    }
}
