package io.crosskernel.cli.html;

import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ArrivalReport;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RouteSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Hand-made reports and recordings for the HTML report's unit tests. */
final class ReportFixtures {
    static final ReportHeader HEADER = new ReportHeader("9.9-test", "2 cores <test machine>",
            ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC));

    private ReportFixtures() {
    }

    static Histogram histogram(long... nanos) {
        Histogram histogram = new Histogram(3);
        for (long value : nanos) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    static KernelReport kernel(String name) {
        LatencySummary latency = new LatencySummary(3, 1_000, 1_000, 2_000, 3_000, 3_000, 3_000, 2_000);
        return new KernelReport(name, "general", List.of(0), List.of(List.of(0)), true, "backoff", 3, 0, 0, 3, 0, 0,
                0, 0.5, latency, LatencySummary.EMPTY, Map.of("queue", 1));
    }

    static WorkloadReport workload(String name, String kernel) {
        LatencySummary e2e = new LatencySummary(3, 5_000, 5_000, 6_000, 7_000, 7_000, 7_000, 6_000);
        return new WorkloadReport(name, "stream", "poisson 1k/s",
                new ArrivalReport("poisson", 1000.0, null, 0L, null, null, null, null), null, List.of(kernel), 3, 3, 0, 0, 0, 0, 0, 3.0, e2e,
                LatencySummary.EMPTY, List.of(new StageReport(0, kernel, e2e)), true);
    }

    static RunReport report(String scenario, List<String> kernels, List<String> routes) {
        List<KernelReport> kernelReports = kernels.stream().map(ReportFixtures::kernel).toList();
        List<WorkloadReport> workloads = routes.stream().map(r -> workload(r, kernels.get(0))).toList();
        return new RunReport(scenario, "scenario <file>.yaml", 7, 1_000_000_000L, 200_000_000L, -1, kernelReports,
                List.of(new ChannelReport(kernels.get(0), "x<y", 1024, "retry", 3, 3, 0, 0, 0, 1, 3, 3, true)), workloads,
                new Accounting(true, true, 0, List.of()),
                List.of(new ExpectationResult("p99 < 1ms & \"x\"", true, 1.0, "1us")), 0, List.of(), 0,
                List.of("warning <b>bold</b>"), List.of(), null, null, null);
    }

    /** Samples every 250 ms for a second: each kernel 50% busy on one worker, each route 1000 completions/s. */
    static List<MetricsSample> timeline(List<String> kernels, List<String> routes) {
        List<MetricsSample> samples = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            long elapsed = i * 250_000_000L;
            List<KernelSample> kernelSamples = new ArrayList<>();
            for (String kernel : kernels) {
                kernelSamples.add(new KernelSample(kernel, "general", 1, i * 100, elapsed / 2, i * 250, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, LatencySummary.EMPTY));
            }
            List<RouteSample> routeSamples = new ArrayList<>();
            for (String route : routes) {
                routeSamples.add(new RouteSample(route, i * 250, i * 250, 0, 0, 0, 0, LatencySummary.EMPTY));
            }
            samples.add(new MetricsSample(elapsed, 800_000_000L, i == 4 ? MetricsSample.Phase.FINISHED
                    : MetricsSample.Phase.MEASURING, kernelSamples, List.of(), routeSamples));
        }
        return samples;
    }

    static RunRecordings recordings(List<String> kernels, List<String> routes) {
        Map<String, Histogram> latency = new LinkedHashMap<>();
        for (String kernel : kernels) {
            latency.put(kernel, histogram(1_000, 2_000, 3_000, 50_000));
        }
        Map<String, Histogram> endToEnd = new LinkedHashMap<>();
        for (String route : routes) {
            endToEnd.put(route, histogram(5_000, 6_000, 7_000));
        }
        return new RunRecordings(timeline(kernels, routes), latency, Map.of(kernels.get(0), histogram(100, 200)),
                endToEnd);
    }
}
