package io.crosskernel.cli.prometheus;

import static io.crosskernel.cli.SampleFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ArrivalReport;
import io.crosskernel.hypervisor.report.HiccupSummary;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MissCauses;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.TaskMisses;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The families built from one hand-made sample, written by the client's own text writer and read back strictly. */
class MetricFamiliesTest {
    private final LatestSample latest = new LatestSample();
    private final PrometheusRegistry registry = new PrometheusRegistry();

    MetricFamiliesTest() {
        registry.register(new MetricFamilies(latest, "demo", "dev", Map.of("orders", "stream")));
    }

    private ExpositionText scrape() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(bytes, registry.scrape());
        return ExpositionText.parse(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void beforeTheFirstSampleOnlyTheRunInfoAndTheBootingPhaseShow() throws IOException {
        ExpositionText text = scrape();

        assertThat(text.types.keySet()).containsExactlyInAnyOrder("crosskernel_run_info", "crosskernel_run_phase");
        assertThat(text.value("crosskernel_run_info", "scenario", "demo", "version", "dev")).isEqualTo(1);
        assertThat(text.value("crosskernel_run_phase", "phase", "booting")).isEqualTo(1);
        assertThat(text.value("crosskernel_run_phase", "phase", "measuring")).isZero();
    }

    @Test
    void exposesTheSampleInBaseUnitsWithOneSeriesPerKernelChannelRouteAndStage() throws IOException {
        MetricsSample sample = sample(1_500, Phase.MEASURING, 250_000_000, 0, 1_000, 900, 6, 40_000, 0);
        latest.publish(sample);

        ExpositionText text = scrape();

        assertThat(text.value("crosskernel_run_phase", "phase", "measuring")).isEqualTo(1);
        assertThat(text.value("crosskernel_run_phase", "phase", "booting")).isZero();
        assertThat(text.value("crosskernel_run_elapsed_seconds")).isEqualTo(1.5);
        assertThat(text.value("crosskernel_run_planned_seconds")).isEqualTo(2.0);
        assertThat(text.types).containsEntry("crosskernel_kernel_tasks_completed_total", "counter")
                .containsEntry("crosskernel_kernel_task_latency_seconds", "summary")
                .containsEntry("crosskernel_channel_depth", "gauge");
        assertThat(text.value("crosskernel_kernel_tasks_completed_total", "kernel", "a", "type", "general"))
                .isEqualTo(1_000);
        assertThat(text.value("crosskernel_kernel_busy_seconds_total", "kernel", "a", "type", "general"))
                .isEqualTo(0.25);
        assertThat(text.value("crosskernel_kernel_deadline_misses_total", "kernel", "b", "type", "general"))
                .isEqualTo(7);
        assertThat(text.value("crosskernel_kernel_workers", "kernel", "b", "type", "general")).isEqualTo(2);
        assertThat(text.value("crosskernel_kernel_task_latency_seconds", "kernel", "a", "type", "general",
                "quantile", "0.99")).isEqualTo(5e-6);
        assertThat(text.value("crosskernel_kernel_task_latency_seconds_count", "kernel", "a", "type", "general"))
                .isEqualTo(1_000);
        assertThat(text.value("crosskernel_kernel_task_latency_seconds_sum", "kernel", "a", "type", "general"))
                .isCloseTo(1_000 * 2.5e-6, within(1e-12));
        assertThat(text.value("crosskernel_kernel_interval_task_latency_seconds", "kernel", "a", "type", "general",
                "quantile", "0.99")).isEqualTo(4e-5);
        assertThat(text.value("crosskernel_channel_delivered_total", "from", "a", "to", "b")).isEqualTo(900);
        assertThat(text.value("crosskernel_channel_offered_total", "from", "a", "to", "b")).isEqualTo(906);
        assertThat(text.value("crosskernel_channel_depth", "from", "a", "to", "b")).isEqualTo(6);
        assertThat(text.value("crosskernel_channel_high_water_mark", "from", "a", "to", "b")).isEqualTo(64);
        assertThat(text.value("crosskernel_channel_capacity", "from", "a", "to", "b")).isEqualTo(1024);
        assertThat(text.value("crosskernel_channel_backpressured_total", "from", "a", "to", "b")).isEqualTo(5);
        assertThat(text.value("crosskernel_route_requests_total", "route", "orders", "outcome", "completed"))
                .isEqualTo(1_000);
        assertThat(text.value("crosskernel_route_requests_total", "route", "orders", "outcome", "dropped")).isZero();
        assertThat(text.value("crosskernel_route_requests_generated_total", "route", "orders")).isEqualTo(1_006);
        assertThat(text.value("crosskernel_route_requests_in_flight", "route", "orders")).isEqualTo(6);
        assertThat(text.value("crosskernel_route_latency_seconds", "route", "orders", "kind", "stream", "quantile",
                "1.0")).isEqualTo(9_002e-9, within(1e-15));
        assertThat(text.value("crosskernel_route_stage_latency_seconds_count", "route", "orders", "stage", "1",
                "kernel", "b")).isEqualTo(1_000);
    }

    @Test
    void aSummaryWithNothingRecordedHasNaNQuantilesAndZeroCount() throws IOException {
        latest.publish(sample(100, Phase.WARMUP, 0, 0, 0, 0, 0, 0, 0));

        ExpositionText text = scrape();

        List<ExpositionText.Sample> quantiles = text.series("crosskernel_kernel_task_latency_seconds");
        assertThat(quantiles).hasSize(2 * 5).allSatisfy(q -> assertThat(q.value()).isNaN());
        assertThat(quantiles).extracting(q -> q.labels().get("quantile")).containsOnly("0.5", "0.9", "0.99",
                "0.999", "1.0");
        assertThat(text.value("crosskernel_kernel_task_latency_seconds_count", "kernel", "b", "type", "general"))
                .isZero();
    }

    @Test
    void missesByCauseAppearOnceTheFinalReportIsPublishedWithEveryCauseListed() throws IOException {
        latest.publish(sample(1_500, Phase.FINISHED, 250_000_000, 0, 1_000, 900, 6, 40_000, 0));
        assertThat(scrape().types).doesNotContainKey("crosskernel_route_deadline_misses_by_cause_total");

        LatencySummary none = LatencySummary.EMPTY;
        KernelReport rt = new KernelReport("rt", "realtime", List.of(1), List.of(List.of(1)), true, "busy-spin", 10,
                0, 0, 0, 0, 0, 0, 0.5, none, none, Map.of(), HiccupSummary.NONE,
                List.of(new TaskMisses("control", 9, new MissCauses(1, 5, 0, 2, 1))));
        WorkloadReport control = new WorkloadReport("control", "periodic", "every 1ms",
                new ArrivalReport("constant", 1000.0, 1_000_000L, 0L, null, null, null, null), 1_000_000L,
                List.of("rt"), 10, 10, 0, 0, 0, 7, 0, 10.0, none, none, List.of(), true,
                new MissCauses(0, 4, 1, 2, 0));
        latest.publishReport(new RunReport("demo", "demo.yaml", 1, 1_000_000_000L, 0, -1, List.of(rt), List.of(),
                List.of(control), new Accounting(true, true, 0, List.of()), List.of(), 0, List.of(), 0, List.of(),
                List.of(), null, null, null));

        ExpositionText text = scrape();

        assertThat(text.types).containsEntry("crosskernel_route_deadline_misses_by_cause_total", "counter")
                .containsEntry("crosskernel_task_deadline_misses_by_cause_total", "counter");
        assertThat(text.value("crosskernel_route_deadline_misses_by_cause_total", "route", "control", "cause",
                "platform")).isEqualTo(4);
        assertThat(text.value("crosskernel_route_deadline_misses_by_cause_total", "route", "control", "cause",
                "scheduling")).isEqualTo(2);
        assertThat(text.value("crosskernel_route_deadline_misses_by_cause_total", "route", "control", "cause",
                "collector")).isZero();
        assertThat(text.value("crosskernel_task_deadline_misses_by_cause_total", "kernel", "rt", "task", "control",
                "cause", "unattributed")).isEqualTo(1);
        assertThat(text.value("crosskernel_task_deadline_misses_by_cause_total", "kernel", "rt", "task", "control",
                "cause", "platform")).isEqualTo(5);
    }
}
