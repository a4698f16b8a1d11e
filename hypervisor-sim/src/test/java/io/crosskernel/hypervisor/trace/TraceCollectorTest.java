package io.crosskernel.hypervisor.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.TraceSampling;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceCollectorTest {
    static Route route(String name, int... kernels) {
        List<Stage> stages = new ArrayList<>();
        for (int k : kernels) {
            stages.add(new Stage(k, "k" + k, 0, 1, 0));
        }
        return new Route(0, name, "stream", stages, 0);
    }

    private final Route threeKernels = route("orders", 0, 1, 2);
    private final TraceBuffer k0 = new TraceBuffer(0, "io", 0, TraceSampling.ALWAYS, 16);
    private final TraceBuffer k1 = new TraceBuffer(1, "rt", 0, TraceSampling.ALWAYS, 16);
    private final TraceBuffer k2 = new TraceBuffer(2, "store", 0, TraceSampling.ALWAYS, 16);

    @Test
    void mergesHopsFromEveryKernelInStageOrderWithTransitBetweenThem() {
        // recorded out of order across buffers on purpose: the collector orders by stage
        k2.recordHop(7, 70, 0, 2, 1_000, 1_400, 1_450, 1_600, HopOutcome.COMPLETED);
        k0.recordHop(7, 70, 0, 0, 1_000, 1_000, 1_000, 1_100, HopOutcome.HELD);
        k1.recordHop(7, 70, 0, 1, 1_000, 1_150, 1_180, 1_300, HopOutcome.FORWARDED);

        TraceResult result = TraceCollector.collect(1.0, List.of(k2, k1, k0), List.of(threeKernels));

        assertThat(result.traces()).hasSize(1);
        Trace trace = result.traces().get(0);
        assertThat(trace.traceId()).isEqualTo(7);
        assertThat(trace.requestId()).isEqualTo(70);
        assertThat(trace.route()).isEqualTo("orders");
        assertThat(trace.complete()).isTrue();
        assertThat(trace.endToEndNanos()).isEqualTo(600);
        assertThat(trace.hops()).containsExactly(
                new TraceHop(0, "io", 0, 0, 0, 0, 100, 100, 0, HopOutcome.HELD),
                new TraceHop(1, "rt", 1, 0, 150, 180, 300, 120, 80, HopOutcome.FORWARDED),
                new TraceHop(2, "store", 2, 0, 400, 450, 600, 150, 150, HopOutcome.COMPLETED));
    }

    @Test
    void aTraceWithAMissingHopIsIncompleteAndShowsNoTransitAcrossTheGap() {
        k0.recordHop(1, 1, 0, 0, 0, 0, 0, 10, HopOutcome.FORWARDED);
        k2.recordHop(1, 1, 0, 2, 0, 30, 35, 40, HopOutcome.COMPLETED);
        k0.recordHop(2, 2, 0, 0, 5, 5, 5, 9, HopOutcome.DROPPED);

        List<Trace> traces = TraceCollector.collect(1.0, List.of(k0, k2), List.of(threeKernels)).traces();

        assertThat(traces).extracting(Trace::requestId).containsExactly(1L, 2L);
        assertThat(traces.get(0).complete()).isFalse();
        assertThat(traces.get(0).hops().get(1).transitNanos()).isZero();
        assertThat(traces.get(1).complete()).isFalse();
        assertThat(traces.get(1).endToEndNanos()).isEqualTo(4);
    }

    @Test
    void requestsSharingAClientTraceIdStaySeparate() {
        Route single = route("one", 0);
        k0.recordHop(5, 1, 0, 0, 0, 0, 0, 10, HopOutcome.COMPLETED);
        k0.recordHop(5, 2, 0, 0, 3, 3, 3, 20, HopOutcome.COMPLETED);

        List<Trace> traces = TraceCollector.collect(1.0, List.of(k0), List.of(single)).traces();

        assertThat(traces).extracting(Trace::requestId).containsExactly(1L, 2L);
        assertThat(traces).allMatch(Trace::complete);
    }
}
