package io.crosskernel.hypervisor.host;

import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.channel.ChannelAccount;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelStats;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.report.WorkerEvidence;
import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ArrivalReport;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunInterrupted;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.SimulationInfo;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the counters and histograms of a finished run into a {@link RunReport}, and checks the accounting.
 *
 * <p>Threading: host thread, after every worker has stopped and the final sample drained every latency recorder
 * (so every single-writer value is final).
 */
final class ReportBuilder {
    private final Scenario scenario;
    private final PartitionPlan plan;
    private final List<BootedKernel> kernels;
    private final ChannelFabric fabric;
    private final TaskErrorLog errors;
    private final RunSupervisor supervisor;
    private final List<String> warnings;
    private final List<String> announcements;
    /** The run's kernel processes, or null when every kernel ran in a thread. */
    private final ProcessKernels processes;

    ReportBuilder(Scenario scenario, PartitionPlan plan, List<BootedKernel> kernels, ChannelFabric fabric,
            TaskErrorLog errors, RunSupervisor supervisor, List<String> warnings, List<String> announcements,
            ProcessKernels processes) {
        this.processes = processes;
        this.announcements = announcements;
        this.scenario = scenario;
        this.plan = plan;
        this.kernels = kernels;
        this.fabric = fabric;
        this.errors = errors;
        this.supervisor = supervisor;
        this.warnings = warnings;
    }

    /**
     * @param collector   the collector pauses seen during the run, on the run's clock
     * @param simulation  how the run was simulated, or null for a real run
     * @param interrupted how a signal ended the run early, or null when nothing did
     */
    RunReport build(long runNanos, String failure, Intervals collector, SimulationInfo simulation,
            RunInterrupted interrupted) {
        long measuredNanos = Math.max(1, runNanos - scenario.warmupNanos());
        List<WorkerEvidence[]> evidence = new ArrayList<>();
        for (BootedKernel kernel : kernels) {
            evidence.add(evidence(kernel));
        }
        MissAttribution attribution = new MissAttribution(evidence, collector);
        List<KernelReport> kernelReports = new ArrayList<>();
        int workerIndex = 0;
        for (int k = 0; k < kernels.size(); k++) {
            BootedKernel kernel = kernels.get(k);
            kernelReports.add(kernelReport(kernel, k, runNanos, workerIndex, attribution));
            workerIndex += kernel.workers.size();
        }

        List<String> problems = new ArrayList<>();
        List<ChannelReport> channelReports = new ArrayList<>();
        for (ChannelAccount account : fabric.accounts()) {
            ChannelStats stats = account.stats();
            if (!account.balanced()) {
                problems.add(account.problem());
            }
            channelReports.add(new ChannelReport(stats.from(), stats.to(), stats.capacity(),
                    stats.policy().alias(), stats.offered(), stats.delivered(), stats.rejected(), stats.inFlight(),
                    stats.backpressured(), stats.highWaterMark(), account.sent(), account.received(),
                    account.balanced()));
        }

        List<WorkloadReport> workloadReports = new ArrayList<>();
        long requestsInFlight = 0;
        if (processes != null) {
            problems.addAll(processes.accountingProblems());
        }
        long[] lost = lostInCrashByRoute(problems);
        for (WorkloadDecl workload : scenario.workloads()) {
            WorkloadReport report = workloadReport(workload, measuredNanos, attribution,
                    lost[workload.route().id()]);
            requestsInFlight += report.inFlight();
            workloadReports.add(report);
            if (!report.balanced()) {
                problems.add(report.problem(failure == null && !supervisor.drained()));
            }
        }
        boolean drained = supervisor.drained() && requestsInFlight == 0;
        Accounting accounting = new Accounting(problems.isEmpty(), drained, requestsInFlight, problems);

        return new RunReport(scenario.name(), scenario.file() == null ? null : scenario.file().toString(),
                scenario.seed(), runNanos, scenario.warmupNanos(), plan.housekeepingCore(), kernelReports,
                channelReports, workloadReports, accounting, List.of(), errors.count(), errors.samples(),
                supervisor.stalls(), warnings, announcements, failure, simulation, interrupted,
                processes == null ? List.of() : processes.failures());
    }

    /**
     * The requests lost in kernel processes' crashes, by route. The total is exact at each crash (ProcessKernels:
     * what the rings delivered to the kernel less what it passed on and had published as finished); which workload
     * each request belonged to the rings do not say, so the total is split over the routes through a failed kernel
     * by what each is missing at the end (generated less completed, failed and dropped). After a complete drain
     * that is exact; otherwise the split counts requests still in flight first, and a warning says so. A total that
     * the routes' shortfalls cannot hold is a problem of the accounting.
     */
    private long[] lostInCrashByRoute(List<String> problems) {
        long[] lost = new long[scenario.workloads().size()];
        long remaining = processes == null ? 0 : processes.lostInCrash();
        if (remaining == 0) {
            return lost;
        }
        java.util.Set<Integer> failed = new java.util.HashSet<>();
        for (io.crosskernel.hypervisor.report.KernelFailure failure : processes.failures()) {
            failed.add(scenario.kernel(failure.kernel()).id());
        }
        int sharing = 0;
        for (WorkloadDecl workload : scenario.workloads()) {
            Route route = workload.route();
            boolean through = route.stages().stream().anyMatch(stage -> failed.contains(stage.kernelId()));
            if (!through) {
                continue;
            }
            sharing++;
            long shortfall = 0;
            for (BootedKernel kernel : kernels) {
                for (KernelWorker worker : kernel.workers) {
                    WorkerMetrics m = worker.metrics();
                    int r = route.id();
                    shortfall += m.generated[r].get() - m.completed[r].get() - m.failed[r].get() - m.dropped[r].get();
                }
            }
            long take = Math.max(0, Math.min(shortfall, remaining));
            lost[route.id()] = take;
            remaining -= take;
        }
        if (remaining != 0) {
            problems.add(remaining + " requests lost in crash are not missing from any workload through the failed"
                    + " kernels (counted twice?)");
        }
        if (sharing > 1 && !supervisor.drained()) {
            warnings.add("the requests lost in crash are split between workloads by what each is missing, and the"
                    + " run did not drain: requests still in flight may be counted lost");
        }
        return lost;
    }

    /**
     * What {@code kernel}'s workers saw of hiccups and misses: read from their metrics when they ran here, from what
     * its kernel process wrote at its end when it ran in one (none when it left nothing: it failed).
     */
    private static WorkerEvidence[] evidence(BootedKernel kernel) {
        WorkerMetrics[] metrics = kernel.context.allMetrics();
        WorkerEvidence[] each = new WorkerEvidence[metrics.length];
        for (int w = 0; w < metrics.length; w++) {
            boolean fromProcess = kernel.process != null && kernel.process.results != null;
            // A process kernel's mirrors hold no hiccups or misses: read as empty when its process left no results.
            each[w] = fromProcess ? kernel.process.results.workers().get(w) : WorkerEvidence.of(metrics[w]);
        }
        return each;
    }

    private KernelReport kernelReport(BootedKernel kernel, int kernelIndex, long runNanos, int firstWorkerIndex,
            MissAttribution attribution) {
        long completed = 0;
        long failed = 0;
        long in = 0;
        long out = 0;
        long backpressure = 0;
        long kernelErrors = 0;
        long busy = 0;
        long stalls = 0;
        List<List<Integer>> granted = new ArrayList<>();
        boolean pinned = true;
        for (KernelWorker worker : kernel.workers) {
            WorkerMetrics m = worker.metrics();
            completed += m.tasksCompleted.get();
            failed += m.tasksFailed.get();
            in += m.messagesIn.get();
            out += m.messagesOut.get();
            backpressure += m.backpressureEvents.get();
            kernelErrors += m.kernelErrors.get();
            busy += m.busyNanos.get();
            stalls += supervisor.watchdog().stallsOf(firstWorkerIndex + worker.worker());
            PinResult pin = worker.pinResult();
            granted.add(pin.grantedCpus());
            pinned &= pin.pinned();
        }
        double utilisation = runNanos <= 0 ? 0
                : Math.min(1.0, busy / ((double) runNanos * Math.max(1, kernel.workers.size())));
        return new KernelReport(kernel.decl.name(), kernel.decl.type(), kernel.placement.cores(), granted, pinned,
                kernel.decl.idle(), completed, failed, in, out, backpressure, kernelErrors, stalls, utilisation,
                LatencySummary.of(supervisor.sampler().kernelLatency(kernelIndex)),
                LatencySummary.of(supervisor.sampler().kernelLateness(kernelIndex)), kernel.stats,
                attribution.hiccupSummary(kernelIndex, runNanos), attribution.taskMisses(kernelIndex),
                kernel.decl.isolation().alias(), kernel.process == null ? null : kernel.process.pid(),
                kernel.process == null ? null : kernel.process.collector);
    }

    private WorkloadReport workloadReport(WorkloadDecl workload, long measuredNanos, MissAttribution attribution,
            long lostInCrash) {
        Route route = workload.route();
        int r = route.id();
        long generated = 0;
        long completed = 0;
        long failed = 0;
        long dropped = 0;
        long misses = 0;
        long overruns = 0;
        for (BootedKernel kernel : kernels) {
            for (KernelWorker worker : kernel.workers) {
                WorkerMetrics m = worker.metrics();
                generated += m.generated[r].get();
                completed += m.completed[r].get();
                failed += m.failed[r].get();
                dropped += m.dropped[r].get();
                misses += m.deadlineMisses[r].get();
                overruns += m.budgetOverruns[r].get();
            }
        }
        List<String> stages = new ArrayList<>();
        List<StageReport> stageReports = new ArrayList<>();
        MetricsSampler sampler = supervisor.sampler();
        for (int s = 0; s < route.stages().size(); s++) {
            Stage stage = route.stage(s);
            stages.add(stage.kernelName());
            stageReports.add(new StageReport(s, stage.kernelName(), LatencySummary.of(sampler.routeStage(r, s))));
        }
        Histogram e2e = sampler.routeEndToEnd(r);
        double throughput = e2e.getTotalCount() * 1e9 / measuredNanos;
        return new WorkloadReport(route.name(), route.kind(), workload.schedule().describe(),
                ArrivalReport.of(workload.schedule()), route.deadlineNanos() > 0 ? route.deadlineNanos() : null,
                stages, generated,
                completed, failed, dropped, generated - completed - failed - dropped - lostInCrash, misses, overruns,
                throughput, LatencySummary.of(e2e), LatencySummary.of(sampler.routeLateness(r)), stageReports,
                generated - completed - failed - dropped - lostInCrash == 0, attribution.routeMisses(route, misses),
                lostInCrash, processes == null ? 0 : processes.droppedKernelFailed(r));
    }
}
