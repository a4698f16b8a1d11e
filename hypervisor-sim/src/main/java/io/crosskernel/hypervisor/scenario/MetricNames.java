package io.crosskernel.hypervisor.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of {@code expect:} thresholds: which metric names exist, what they measure and in which unit the
 * threshold is given. The scenario parser validates against it; the host's evaluator uses the same constants to look
 * values up, so a name accepted here always has a value in the report.
 *
 * <p>Names are written {@code <metric>} for run-wide metrics, {@code <kernel>.<metric>} for a kernel and
 * {@code <workload>.<metric>} for a workload entry.
 *
 * <p>Threading: immutable, safe from any thread.
 */
public final class MetricNames {
    /** Run-wide: requests that completed after their route's deadline. */
    public static final String DEADLINE_MISSES = "deadline_misses";
    /** Run-wide: messages a full {@code drop-newest} or {@code fail} channel discarded, over all channels. */
    public static final String REJECTED = "rejected";
    /** Run-wide: requests a {@code drop-newest} or {@code fail} channel discarded. */
    public static final String DROPPED = "dropped";
    /** Run-wide: requests whose task threw. */
    public static final String FAILED = "failed";
    /** Run-wide: exceptions the host recorded, thrown by tasks or by kernels. */
    public static final String ERRORS = "errors";
    /** Run-wide: workers the watchdog reported stalled. */
    public static final String STALLS = "stalls";
    /** Run-wide: 1 when every message and request is accounted for after draining. */
    public static final String ACCOUNTING_BALANCED = "accounting.balanced";

    /** Per kernel: task response time percentiles and extremes (ns). */
    public static final String LATENCY_P50 = "latency.p50";
    public static final String LATENCY_P90 = "latency.p90";
    public static final String LATENCY_P99 = "latency.p99";
    public static final String LATENCY_P999 = "latency.p999";
    public static final String LATENCY_MAX = "latency.max";
    public static final String LATENCY_MEAN = "latency.mean";
    /** Per kernel: tasks run to completion. */
    public static final String TASKS_COMPLETED = "tasks_completed";
    /** Per kernel: tasks that threw. */
    public static final String TASKS_FAILED = "tasks_failed";
    /** Per kernel: messages taken from inbound channels. */
    public static final String MESSAGES_IN = "messages_in";
    /** Per kernel: messages accepted by outbound channels. */
    public static final String MESSAGES_OUT = "messages_out";
    /** Per kernel: busy time over wall time, averaged over its workers (a fraction). */
    public static final String UTILISATION = "utilisation";

    /** Per workload: end-to-end latency percentiles and extremes (ns). */
    public static final String E2E_P50 = "e2e.p50";
    public static final String E2E_P90 = "e2e.p90";
    public static final String E2E_P99 = "e2e.p99";
    public static final String E2E_P999 = "e2e.p999";
    public static final String E2E_MAX = "e2e.max";
    public static final String E2E_MEAN = "e2e.mean";
    /** Per workload: requests that finished their last stage. */
    public static final String COMPLETED = "completed";
    /** Per workload: requests completed after the deadline. Same name as the run-wide metric. */
    public static final String WORKLOAD_DEADLINE_MISSES = DEADLINE_MISSES;
    /** Per workload: completed requests per second of measured time. */
    public static final String THROUGHPUT = "throughput";
    /** Per workload: tasks that ran longer than their declared cost (budget overruns). */
    public static final String OVERRUNS = "overruns";

    /** Run-wide and per workload: deadline misses of one cause, written {@code deadline_misses.<cause>}. */
    public static final String MISSES_BY_CAUSE_PREFIX = DEADLINE_MISSES + ".";
    /** The causes (and {@code unattributed}) that follow {@link #MISSES_BY_CAUSE_PREFIX}, in report order. */
    public static final List<String> MISS_CAUSES = List.of("collector", "platform", "overrun", "scheduling",
            "unattributed");
    /** Per kernel: hiccups of its workers; count, p50/p99/max length (ns) and {@code lost} (fraction of time). */
    public static final String HICCUPS_PREFIX = "hiccups.";

    public static final String GROUP_REQUESTS = "requests";
    public static final String GROUP_SKEW = "skew";
    public static final String GROUP_MAX_SHARE = "max_share";
    public static final String GROUP_KEYS = "keys";
    public static final String GROUP_BYTES = "bytes";
    public static final String GROUP_VERIFY_MISMATCHES = "verify_mismatches";
    public static final String GROUP_REORDERED_WRITES = "reordered_writes";
    public static final String GROUP_RESHARD_KEYS_MOVED = "reshard.keys_moved";
    public static final String GROUP_RESHARD_BYTES_MOVED = "reshard.bytes_moved";
    public static final String GROUP_RESHARD_DURATION = "reshard.duration";
    public static final String GROUP_RESHARD_P99 = "reshard.p99";
    public static final String GROUP_RESHARD_COMPLETE = "reshard.complete";

    /** Who a metric belongs to. */
    public enum Scope {
        /** The whole run; written without a subject. */
        RUN,
        /** One kernel; written {@code <kernel>.<metric>}. */
        KERNEL,
        /** One workload entry; written {@code <workload>.<metric>}. */
        WORKLOAD,
        /** One shard group ({@code shards:} on a kernel entry); written {@code <group>.<metric>}. */
        SHARD_GROUP
    }

    /** The unit a metric's value and its threshold are expressed in. */
    public enum Unit {
        /** A plain count. */
        COUNT,
        /** Nanoseconds; thresholds are written as durations ({@code 2ms}). */
        NANOS,
        /** A fraction 0..1; thresholds are written as percentages ({@code 80%}) or fractions. */
        FRACTION,
        /** Events per second; thresholds are written as rates ({@code 10k/s}) or plain numbers. */
        PER_SECOND,
        /** 1 for true, 0 for false; thresholds are written {@code true} or {@code false}. */
        BOOLEAN
    }

    /** One metric of the vocabulary. */
    public record Metric(Scope scope, String name, Unit unit, String meaning) {
    }

    private static final Map<Scope, Map<String, Metric>> BY_SCOPE = build();

    private MetricNames() {
    }

    private static Map<Scope, Map<String, Metric>> build() {
        Map<Scope, Map<String, Metric>> all = new LinkedHashMap<>();
        for (Scope scope : Scope.values()) {
            all.put(scope, new LinkedHashMap<>());
        }
        add(all, Scope.RUN, DEADLINE_MISSES, Unit.COUNT, "requests of any workload completed after their deadline");
        for (String cause : MISS_CAUSES) {
            add(all, Scope.RUN, MISSES_BY_CAUSE_PREFIX + cause, Unit.COUNT, missMeaning(cause, "of any workload"));
        }
        add(all, Scope.RUN, REJECTED, Unit.COUNT, "messages discarded by full drop-newest or fail channels, over all channels");
        add(all, Scope.RUN, DROPPED, Unit.COUNT, "requests discarded by a drop-newest or fail channel, over all workloads");
        add(all, Scope.RUN, FAILED, Unit.COUNT, "requests whose task threw, over all workloads");
        add(all, Scope.RUN, ERRORS, Unit.COUNT, "exceptions thrown by tasks or kernels, as the host recorded them");
        add(all, Scope.RUN, STALLS, Unit.COUNT, "workers the watchdog reported stalled");
        add(all, Scope.RUN, ACCOUNTING_BALANCED, Unit.BOOLEAN,
                "true when every request and message is accounted for after draining");
        String[] pct = {"p50", "p90", "p99", "p999", "max", "mean"};
        String[] pctText = {"median", "90th percentile", "99th percentile", "99.9th percentile", "maximum", "mean"};
        for (int i = 0; i < pct.length; i++) {
            add(all, Scope.KERNEL, "latency." + pct[i], Unit.NANOS,
                    pctText[i] + " task response time on this kernel (arrival at the kernel to completion)");
        }
        for (int i = 0; i < pct.length; i++) {
            add(all, Scope.KERNEL, "lateness." + pct[i], Unit.NANOS, pctText[i] + " release lateness of the"
                    + " workloads that start on this kernel (first-stage start minus scheduled release)");
        }
        add(all, Scope.KERNEL, TASKS_COMPLETED, Unit.COUNT, "tasks this kernel ran to completion");
        add(all, Scope.KERNEL, TASKS_FAILED, Unit.COUNT, "tasks on this kernel that threw");
        add(all, Scope.KERNEL, MESSAGES_IN, Unit.COUNT, "messages this kernel took from its inbound channels");
        add(all, Scope.KERNEL, MESSAGES_OUT, Unit.COUNT, "messages this kernel's outbound channels accepted");
        add(all, Scope.KERNEL, UTILISATION, Unit.FRACTION, "busy time over wall time, averaged over its workers");
        add(all, Scope.KERNEL, HICCUPS_PREFIX + "count", Unit.COUNT,
                "hiccups of its workers: gaps above host.hiccupThreshold between two clock readings");
        add(all, Scope.KERNEL, HICCUPS_PREFIX + "p50", Unit.NANOS, "median hiccup length");
        add(all, Scope.KERNEL, HICCUPS_PREFIX + "p99", Unit.NANOS, "99th percentile hiccup length");
        add(all, Scope.KERNEL, HICCUPS_PREFIX + "max", Unit.NANOS, "longest hiccup");
        add(all, Scope.KERNEL, HICCUPS_PREFIX + "lost", Unit.FRACTION,
                "share of its workers' time lost to hiccups (time lost per second of run)");
        for (int i = 0; i < pct.length; i++) {
            add(all, Scope.WORKLOAD, "e2e." + pct[i], Unit.NANOS,
                    pctText[i] + " end-to-end latency (release to completion of the last stage)");
        }
        for (int i = 0; i < pct.length; i++) {
            add(all, Scope.WORKLOAD, "lateness." + pct[i], Unit.NANOS,
                    pctText[i] + " release lateness (first-stage start minus scheduled release)");
        }
        add(all, Scope.WORKLOAD, OVERRUNS, Unit.COUNT, "tasks that ran longer than their declared cost");
        add(all, Scope.WORKLOAD, COMPLETED, Unit.COUNT, "requests that finished their last stage");
        add(all, Scope.WORKLOAD, FAILED, Unit.COUNT, "requests whose task threw");
        add(all, Scope.WORKLOAD, DROPPED, Unit.COUNT, "requests discarded by a drop-newest or fail channel");
        add(all, Scope.WORKLOAD, WORKLOAD_DEADLINE_MISSES, Unit.COUNT, "requests completed after their deadline");
        for (String cause : MISS_CAUSES) {
            add(all, Scope.WORKLOAD, MISSES_BY_CAUSE_PREFIX + cause, Unit.COUNT, missMeaning(cause, ""));
        }
        add(all, Scope.WORKLOAD, THROUGHPUT, Unit.PER_SECOND, "completed requests per second of measured time");
        add(all, Scope.SHARD_GROUP, GROUP_REQUESTS, Unit.COUNT, "tasks the group's shards ran, over all shards");
        add(all, Scope.SHARD_GROUP, GROUP_SKEW, Unit.FRACTION,
                "the busiest shard's requests over the mean per shard: 1 is an even spread");
        add(all, Scope.SHARD_GROUP, GROUP_MAX_SHARE, Unit.FRACTION, "the busiest shard's share of the requests");
        add(all, Scope.SHARD_GROUP, GROUP_KEYS, Unit.COUNT, "keys the shards hold at the end of the run");
        add(all, Scope.SHARD_GROUP, GROUP_BYTES, Unit.COUNT, "bytes the shards appended to their logs");
        add(all, Scope.SHARD_GROUP, GROUP_VERIFY_MISMATCHES, Unit.COUNT, "keys that did not read back from their"
                + " owning shard as their last acknowledged write (settings: {verify: true})");
        add(all, Scope.SHARD_GROUP, GROUP_REORDERED_WRITES, Unit.COUNT, "writes a shard applied after a later write"
                + " of the same key: per-key order broken (settings: {verify: true})");
        add(all, Scope.SHARD_GROUP, GROUP_RESHARD_KEYS_MOVED, Unit.COUNT, "keys whose value the live reshard copied"
                + " to their new owner");
        add(all, Scope.SHARD_GROUP, GROUP_RESHARD_BYTES_MOVED, Unit.COUNT, "value bytes the live reshard copied");
        add(all, Scope.SHARD_GROUP, GROUP_RESHARD_DURATION, Unit.NANOS, "from the reshard time to the last shard"
                + " finishing its part of the move");
        add(all, Scope.SHARD_GROUP, GROUP_RESHARD_P99, Unit.NANOS, "p99 release-to-start latency of the requests"
                + " released during the move, on the slowest shard");
        add(all, Scope.SHARD_GROUP, GROUP_RESHARD_COMPLETE, Unit.BOOLEAN, "true when every shard finished its part"
                + " of the move before the run ended");
        Map<Scope, Map<String, Metric>> frozen = new LinkedHashMap<>();
        all.forEach((scope, metrics) -> frozen.put(scope, Collections.unmodifiableMap(metrics)));
        return Collections.unmodifiableMap(frozen);
    }

    private static String missMeaning(String cause, String whose) {
        String what = "requests " + (whose.isEmpty() ? "" : whose + " ") + "completed after their deadline";
        return cause.equals("unattributed") ? what + " whose record was overwritten before it could be attributed"
                : what + ", attributed to " + cause + " (docs/OBSERVABILITY.md, Misses by cause)";
    }

    private static void add(Map<Scope, Map<String, Metric>> all, Scope scope, String name, Unit unit,
            String meaning) {
        all.get(scope).put(name, new Metric(scope, name, unit, meaning));
    }

    /** @return the metric called {@code name} in {@code scope}, or null when there is none */
    public static Metric find(Scope scope, String name) {
        return BY_SCOPE.get(scope).get(name);
    }

    /**
     * @return the run-wide metric whose name begins with {@code name} and a dot ({@code accounting} gives
     *     {@code accounting.balanced}), or null: a kernel or workload may not be called that, or
     *     {@code <name>.<metric>} could mean two things
     */
    public static String runMetricStartingWith(String name) {
        for (String metric : names(Scope.RUN)) {
            if (metric.startsWith(name + ".")) {
                return metric;
            }
        }
        return null;
    }

    /** @return the metric names of {@code scope}, in documentation order */
    public static Set<String> names(Scope scope) {
        return BY_SCOPE.get(scope).keySet();
    }

    /** @return every metric, run-wide first, then per kernel, then per workload */
    public static List<Metric> all() {
        List<Metric> all = new ArrayList<>();
        BY_SCOPE.values().forEach(metrics -> all.addAll(metrics.values()));
        return Collections.unmodifiableList(all);
    }
}
