package io.crosskernel.hypervisor.report;

import io.crosskernel.hypervisor.scenario.MetricNames;
import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.scenario.Expectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks {@code expect:} thresholds against a finished run's report.
 *
 * <p>The vocabulary is the one the scenario parser accepts (see docs/SCENARIOS.md): run-wide metrics, per-kernel
 * metrics prefixed with the kernel's name, per-workload metrics prefixed with the workload's name. Stateless.
 */
public final class ExpectationEvaluator {
    private ExpectationEvaluator() {
    }

    public static List<ExpectationResult> evaluate(RunReport report, List<Expectation> expectations) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Expectation expectation : expectations) {
            Measured measured = measure(report, expectation);
            if (measured == null) {
                results.add(new ExpectationResult(expectation.text(), false, null, "no such metric"));
            } else {
                results.add(new ExpectationResult(expectation.text(),
                        expectation.op().test(measured.value, expectation.threshold()), measured.value,
                        measured.text));
            }
        }
        return results;
    }

    private static Measured measure(RunReport report, Expectation expectation) {
        if (expectation.subject() == null) {
            return runWide(report, expectation.metric());
        }
        for (KernelReport kernel : report.kernels()) {
            if (kernel.name().equals(expectation.subject())) {
                return ofKernel(kernel, expectation.metric());
            }
        }
        for (WorkloadReport workload : report.workloads()) {
            if (workload.name().equals(expectation.subject())) {
                return ofWorkload(workload, expectation.metric());
            }
        }
        for (ShardGroupReport group : report.shardGroups()) {
            if (group.group().equals(expectation.subject())) {
                return ofShardGroup(group, expectation.metric());
            }
        }
        return null;
    }

    private static Measured ofShardGroup(ShardGroupReport group, String metric) {
        switch (metric) {
            case MetricNames.GROUP_REQUESTS:
                return count(group.requests());
            case MetricNames.GROUP_SKEW:
                return new Measured(group.skew(), String.format(Locale.ROOT, "%.3f", group.skew()));
            case MetricNames.GROUP_MAX_SHARE:
                return new Measured(group.maxShare(), String.format(Locale.ROOT, "%.1f%%", group.maxShare() * 100));
            case MetricNames.GROUP_KEYS:
                return count(group.liveKeys());
            case MetricNames.GROUP_BYTES:
                return count(group.writtenBytes());
            case MetricNames.GROUP_VERIFY_MISMATCHES:
                // Without verify there is nothing to compare: the expectation fails as "no such metric".
                return group.verifyMismatches() == null ? null : count(group.verifyMismatches());
            case MetricNames.GROUP_REORDERED_WRITES:
                return group.reorderedWrites() == null ? null : count(group.reorderedWrites());
            default:
                return group.reshard() == null ? null : ofReshard(group.reshard(), metric);
        }
    }

    /** A reshard's figures; a group without a reshard has none (the expectation fails as "no such metric"). */
    private static Measured ofReshard(ShardGroupReport.Reshard reshard, String metric) {
        switch (metric) {
            case MetricNames.GROUP_RESHARD_KEYS_MOVED:
                return count(reshard.keysMoved());
            case MetricNames.GROUP_RESHARD_BYTES_MOVED:
                return count(reshard.bytesMoved());
            case MetricNames.GROUP_RESHARD_DURATION:
                // An unfinished move has no duration: the expectation fails as "no such metric".
                return reshard.durationNanos() < 0 ? null
                        : new Measured(reshard.durationNanos(), Units.formatNanos(reshard.durationNanos()));
            case MetricNames.GROUP_RESHARD_P99:
                return new Measured(reshard.latencyP99Nanos(), Units.formatNanos(reshard.latencyP99Nanos()));
            case MetricNames.GROUP_RESHARD_COMPLETE:
                return bool(reshard.complete());
            default:
                return null;
        }
    }

    private static Measured runWide(RunReport report, String metric) {
        if (metric.startsWith(MetricNames.MISSES_BY_CAUSE_PREFIX)) {
            String cause = metric.substring(MetricNames.MISSES_BY_CAUSE_PREFIX.length());
            return count(report.workloads().stream().mapToLong(w -> byCause(w.missesByCause(), cause)).sum());
        }
        switch (metric) {
            case "deadline_misses":
                return count(report.deadlineMisses());
            case "rejected":
                return count(report.channels().stream().mapToLong(ChannelReport::rejected).sum());
            case "dropped":
                return count(report.workloads().stream().mapToLong(WorkloadReport::dropped).sum());
            case "failed":
                return count(report.workloads().stream().mapToLong(WorkloadReport::failed).sum());
            case "errors":
                return count(report.taskErrors());
            case "stalls":
                return count(report.stalls());
            case "accounting.balanced":
                return bool(report.accounting().balanced());
            default:
                return null;
        }
    }

    private static Measured ofKernel(KernelReport kernel, String metric) {
        if (metric.startsWith("latency.")) {
            return latency(kernel.latencyNanos(), metric.substring("latency.".length()));
        }
        if (metric.startsWith("lateness.")) {
            return latency(kernel.latenessNanos(), metric.substring("lateness.".length()));
        }
        if (metric.startsWith(MetricNames.HICCUPS_PREFIX)) {
            return hiccups(kernel.hiccups(), metric.substring(MetricNames.HICCUPS_PREFIX.length()));
        }
        switch (metric) {
            case "tasks_completed":
                return count(kernel.tasksCompleted());
            case "tasks_failed":
                return count(kernel.tasksFailed());
            case "messages_in":
                return count(kernel.messagesIn());
            case "messages_out":
                return count(kernel.messagesOut());
            case "utilisation":
                return new Measured(kernel.utilisation(),
                        String.format(Locale.ROOT, "%.1f%%", kernel.utilisation() * 100));
            default:
                return null;
        }
    }

    private static Measured ofWorkload(WorkloadReport workload, String metric) {
        if (metric.startsWith("e2e.")) {
            return latency(workload.e2eNanos(), metric.substring("e2e.".length()));
        }
        if (metric.startsWith("lateness.")) {
            return latency(workload.latenessNanos(), metric.substring("lateness.".length()));
        }
        if (metric.startsWith(MetricNames.MISSES_BY_CAUSE_PREFIX)) {
            return count(byCause(workload.missesByCause(),
                    metric.substring(MetricNames.MISSES_BY_CAUSE_PREFIX.length())));
        }
        switch (metric) {
            case "completed":
                return count(workload.completed());
            case "failed":
                return count(workload.failed());
            case "dropped":
                return count(workload.dropped());
            case "deadline_misses":
                return count(workload.deadlineMisses());
            case "overruns":
                return count(workload.budgetOverruns());
            case "throughput":
                return new Measured(workload.throughputPerSecond(), Units.formatRate(workload.throughputPerSecond()));
            default:
                return null;
        }
    }

    private static long byCause(MissCauses causes, String cause) {
        return switch (cause) {
            case "collector" -> causes.collector();
            case "platform" -> causes.platform();
            case "overrun" -> causes.overrun();
            case "scheduling" -> causes.scheduling();
            case "unattributed" -> causes.unattributed();
            default -> throw new IllegalArgumentException("no miss cause '" + cause + "'");
        };
    }

    private static Measured hiccups(HiccupSummary hiccups, String figure) {
        switch (figure) {
            case "count":
                return count(hiccups.count());
            case "p50":
                return new Measured(hiccups.p50Nanos(), Units.formatNanos(hiccups.p50Nanos()));
            case "p99":
                return new Measured(hiccups.p99Nanos(), Units.formatNanos(hiccups.p99Nanos()));
            case "max":
                return new Measured(hiccups.maxNanos(), Units.formatNanos(hiccups.maxNanos()));
            case "lost":
                double fraction = hiccups.lostNanosPerSecond() / 1e9;
                return new Measured(fraction, String.format(Locale.ROOT, "%.3f%%", fraction * 100));
            default:
                return null;
        }
    }

    private static Measured latency(LatencySummary summary, String percentile) {
        double value;
        switch (percentile) {
            case "p50":
                value = summary.p50();
                break;
            case "p90":
                value = summary.p90();
                break;
            case "p99":
                value = summary.p99();
                break;
            case "p999":
                value = summary.p999();
                break;
            case "max":
                value = summary.max();
                break;
            case "mean":
                value = summary.mean();
                break;
            default:
                return null;
        }
        return new Measured(value, Units.formatNanos((long) value));
    }

    private static Measured count(long value) {
        return new Measured(value, Long.toString(value));
    }

    private static Measured bool(boolean value) {
        return new Measured(value ? 1 : 0, Boolean.toString(value));
    }

    private record Measured(double value, String text) {
    }
}
