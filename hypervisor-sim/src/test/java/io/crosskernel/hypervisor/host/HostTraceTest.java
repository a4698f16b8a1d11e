package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.TraceSampling;
import io.crosskernel.api.workload.Route;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.hypervisor.trace.Trace;
import io.crosskernel.hypervisor.trace.TraceHop;
import io.crosskernel.hypervisor.trace.TraceResult;
import io.crosskernel.hypervisor.trace.TraceSession;
import io.crosskernel.hypervisor.trace.TraceSettings;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Traces from real runs: real kernels on real threads, hops recorded by each kernel's dispatcher. */
@Timeout(60)
class HostTraceTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory());
    private static final String THREE_KERNELS = "name: traced\nduration: 300ms\nseed: 3\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 5s}\n"
            + "kernels:\n"
            + "  - {name: a, type: general, cores: [0], idle: backoff}\n"
            + "  - {name: b, type: general, cores: [1], idle: backoff}\n"
            + "  - {name: c, type: general, cores: [0], idle: backoff}\n"
            + "workload:\n"
            + "  - name: pipeline\n    stream: {rate: 2k/s, arrival: poisson}\n"
            + "    stages: [{kernel: a, cost: 2us}, {kernel: b, cost: 3us}, {kernel: c, cost: 1us}]\n";

    private record Traced(RunReport report, TraceResult traces) {
    }

    private static Traced run(String yaml, double rate) {
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("test.yaml"));
        TraceSession session = new TraceSession(TraceSettings.ofRate(rate));
        RunReport report = new Hypervisor(TYPES, SystemNanoClock.INSTANCE, session).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
        List<Route> routes = scenario.workloads().stream().map(WorkloadDecl::route).toList();
        return new Traced(report, session.collect(routes));
    }

    @Test
    void aThreeStagePipelineAcrossThreeKernelsShowsThreeHopsInOrder() {
        Traced run = run(THREE_KERNELS, 1.0);
        WorkloadReport pipeline = run.report.workloads().get(0);

        assertThat(run.report.failure()).isNull();
        assertThat(pipeline.completed()).isEqualTo(pipeline.generated()).isGreaterThan(10);
        assertThat(run.traces.hopsLost()).isZero();
        assertThat(run.traces.traces()).hasSize((int) pipeline.generated());
        for (Trace trace : run.traces.traces()) {
            assertThat(trace.complete()).as("trace %d complete", trace.requestId()).isTrue();
            assertThat(trace.route()).isEqualTo("pipeline");
            assertThat(trace.hops()).extracting(TraceHop::stage).containsExactly(0, 1, 2);
            assertThat(trace.hops()).extracting(TraceHop::kernel).containsExactly("a", "b", "c");
            assertThat(trace.hops()).extracting(TraceHop::outcome)
                    .containsExactly(HopOutcome.FORWARDED, HopOutcome.FORWARDED, HopOutcome.COMPLETED);
            assertConsistent(trace);
        }
        assertThat(run.traces.hopsRecorded()).isEqualTo(3 * pipeline.generated());
    }

    /** Each hop arrives no earlier than its predecessor left; the parts add up to the end-to-end time. */
    private static void assertConsistent(Trace trace) {
        long sum = 0;
        TraceHop previous = null;
        for (TraceHop hop : trace.hops()) {
            assertThat(hop.arrivedNanos()).isLessThanOrEqualTo(hop.receivedNanos());
            assertThat(hop.receivedNanos()).isLessThanOrEqualTo(hop.doneNanos());
            assertThat(hop.atStageNanos()).isEqualTo(hop.doneNanos() - hop.receivedNanos());
            if (previous == null) {
                assertThat(hop.arrivedNanos()).as("stage 0 arrives at its release").isZero();
                assertThat(hop.transitNanos()).isZero();
            } else {
                assertThat(hop.arrivedNanos()).as("sent when the previous stage was done")
                        .isGreaterThanOrEqualTo(previous.doneNanos());
                assertThat(hop.transitNanos()).isEqualTo(hop.receivedNanos() - previous.doneNanos())
                        .isNotNegative();
            }
            sum += hop.transitNanos() + hop.atStageNanos();
            previous = hop;
        }
        assertThat(trace.endToEndNanos()).isEqualTo(previous.doneNanos()).isEqualTo(sum).isPositive();
    }

    @Test
    void aPartialSampleTracesExactlyTheSampledRequestsOnEveryKernel() {
        Traced run = run(THREE_KERNELS, 0.3);
        WorkloadReport pipeline = run.report.workloads().get(0);
        long threshold = TraceSampling.thresholdFor(0.3);

        // The source numbers route 0's requests 0, 1, 2, ... and uses the request id as the trace id.
        long expected = java.util.stream.LongStream.range(0, pipeline.generated())
                .filter(id -> TraceSampling.isSampled(id, threshold)).count();
        assertThat(run.report.failure()).isNull();
        assertThat(run.traces.traces()).hasSize((int) expected);
        for (Trace trace : run.traces.traces()) {
            assertThat(TraceSampling.isSampled(trace.traceId(), threshold)).isTrue();
            assertThat(trace.complete()).isTrue();
            assertThat(trace.hops()).hasSize(3);
        }
    }
}
