package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.PoissonSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation, task-set construction and admission, as the scenario parser calls them. */
class RealtimeKernelFactoryTest {
    private static final long NEVER = Long.MAX_VALUE;
    private static final int RT = 0;
    private static final int GP = 1;

    private final RealtimeKernelFactory factory = new RealtimeKernelFactory();

    private static KernelSpec spec(Map<String, String> settings) {
        return new KernelSpec("rt", "realtime", List.of(1), settings);
    }

    private static Stage on(int kernel, long cost) {
        return new Stage(kernel, kernel == RT ? "rt" : "gp", cost, 1, 0);
    }

    private static Source periodic(int id, String name, long period, long offset, long deadline, Stage... stages) {
        return new Source(new Route(id, name, "periodic", List.of(stages), deadline),
                new ConstantRateSchedule(period, offset, NEVER));
    }

    private static Source stream(int id, String name, ArrivalSchedule schedule, long deadline, Stage... stages) {
        return new Source(new Route(id, name, "stream", List.of(stages), deadline), schedule);
    }

    @Test
    void theKernelNeedsExactlyOneCore() {
        assertThatThrownBy(() -> factory.validate(new KernelSpec("rt", "realtime", List.of(0, 1), Map.of())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("give the realtime kernel exactly one core")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("cores"));
        assertThatCode(() -> factory.validate(spec(Map.of()))).doesNotThrowAnyException();
        assertThat(factory.type()).isEqualTo("realtime");
        assertThat(factory.settingKeys()).containsExactlyInAnyOrder("policy", "spinAhead", "overrunSlack",
                "sporadic", "queueDepth");
    }

    @Test
    void everyStageOnTheKernelBecomesOneTaskWithTheDocumentedParameters() {
        List<Source> sources = List.of(
                periodic(0, "control", 1_000_000, 100_000, 800_000, on(RT, 50_000)),
                stream(1, "ticks", new ConstantRateSchedule(250_000, 0, NEVER), 0, on(RT, 5_000), on(RT, 2_000)),
                stream(2, "orders", new PoissonSchedule(1000, 1, 0, NEVER), 3_000_000, on(GP, 1_000),
                        on(RT, 10_000)),
                stream(3, "elsewhere", new ConstantRateSchedule(1000, 0, NEVER), 0, on(GP, 1_000)));
        RealtimeTaskSet set = RealtimeTaskSet.fromSources("rt", RT, sources,
                RealtimeSettings.parse(Map.of("sporadic", "orders=500us")));

        assertThat(set.tasks()).containsExactly(
                new RtTask("control", 1_000_000, 50_000, 800_000, 100_000, false),
                RtTask.sporadic("ticks#0", 250_000, 5_000, 250_000),
                RtTask.sporadic("ticks#1", 250_000, 2_000, 250_000),
                RtTask.sporadic("orders", 500_000, 10_000, 3_000_000));
        assertThat(set.taskOf(0, 0)).isEqualTo(0);
        assertThat(set.taskOf(1, 1)).isEqualTo(2);
        assertThat(set.taskOf(2, 0)).isEqualTo(-1);
        assertThat(set.taskOf(2, 1)).isEqualTo(3);
        assertThat(set.taskOf(3, 0)).isEqualTo(-1);
        assertThat(set.routeOf(3)).isEqualTo(2);
        assertThat(set.stageOf(3)).isEqualTo(1);
        assertThatCode(() -> factory.admit(spec(Map.of("sporadic", "orders=500us")), RT, sources))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnUnschedulableSetWithUtilisationFailingTaskAndItsResponseTime() {
        // Non-preemptive RM: 'fast' (T=1ms, C=300us) can be blocked by a 900us 'slow' job that just started, so its
        // worst-case response time is 300us + 900us - 1ns > 1ms, although utilisation is only 0.75.
        List<Source> sources = List.of(periodic(0, "fast", 1_000_000, 0, 1_000_000, on(RT, 300_000)),
                periodic(1, "slow", 2_000_000, 0, 2_000_000, on(RT, 900_000)));

        assertThatThrownBy(() -> factory.admit(spec(Map.of("policy", "rm")), RT, sources))
                .isInstanceOf(AdmissionException.class)
                .hasMessageContaining("rate-monotonic (non-preemptive)")
                .hasMessageContaining("utilisation 0.750")
                .hasMessageContaining("'fast'")
                .hasMessageContaining("worst-case response time 1.2ms > deadline 1ms")
                .hasMessageContaining("blocking")
                .satisfies(e -> assertThat(stageOf((AdmissionException) e)).containsExactly(0, 0));
        assertThatThrownBy(() -> factory.admit(spec(Map.of()), RT, sources))
                .isInstanceOf(AdmissionException.class)
                .hasMessageContaining("earliest-deadline-first (non-preemptive)")
                .hasMessageContaining("utilisation 0.750")
                .hasMessageContaining("'fast'");
    }

    @Test
    void aSetJustAboveFullUtilisationIsRefusedWithTheDigitsThatShowIt() {
        // 500us + 500.001us per 1ms: 1.000001, which three decimals would print as 1.000.
        List<Source> sources = List.of(periodic(0, "a", 1_000_000, 0, 1_000_000, on(RT, 500_000)),
                periodic(1, "b", 1_000_000, 0, 1_000_000, on(RT, 500_001)));

        assertThatThrownBy(() -> factory.admit(spec(Map.of()), RT, sources))
                .isInstanceOf(AdmissionException.class)
                .hasMessageContaining("utilisation 1.000001 (100.0001%) > 1")
                .hasMessageContaining("the largest share is task 'b' (T=1ms C=500.001us D=1ms)")
                .satisfies(e -> assertThat(stageOf((AdmissionException) e)).containsExactly(1, 0));
    }

    @Test
    void aSetAtExactlyFullUtilisationIsAdmittedWithAWarning() {
        List<Source> full = List.of(periodic(0, "loop", 1_000_000, 0, 1_000_000, on(RT, 1_000_000)));
        List<Source> slack = List.of(periodic(0, "loop", 1_000_000, 0, 1_000_000, on(RT, 999_000)));

        assertThatCode(() -> factory.admit(spec(Map.of()), RT, full)).doesNotThrowAnyException();
        assertThat(factory.admissionWarnings(spec(Map.of()), RT, full)).singleElement().asString()
                .contains("exactly 100% utilisation", "lateness grows");
        assertThat(factory.admissionWarnings(spec(Map.of()), RT, slack)).isEmpty();
    }

    private static List<Integer> stageOf(AdmissionException e) {
        return List.of(e.routeId(), e.stage());
    }

    @Test
    void refusesStagesItCannotRunAsRealTimeTasks() {
        Source put = stream(0, "writes", new ConstantRateSchedule(1_000_000, 0, NEVER), 0,
                new Stage(RT, "rt", 1_000, 1, 0, StageOp.PUT, 64));
        assertThatThrownBy(() -> factory.admit(spec(Map.of()), RT, List.of(put)))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("op 'put'")
                .hasMessageContaining("'writes'")
                .satisfies(e -> assertThat(stageOf((AdmissionException) e)).containsExactly(0, 0));

        Source poisson = stream(0, "orders", new PoissonSchedule(1000, 1, 0, NEVER), 0, on(RT, 1_000));
        assertThatThrownBy(() -> factory.admit(spec(Map.of()), RT, List.of(poisson)))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("workload 'orders'")
                .hasMessageContaining("sporadic: \"orders=1ms\"");

        Source viaChannel = stream(0, "alerts", new ConstantRateSchedule(1_000_000, 0, NEVER), 0, on(GP, 1_000),
                on(RT, 1_000));
        assertThatThrownBy(() -> factory.admit(spec(Map.of()), RT, List.of(viaChannel)))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("workload 'alerts'")
                .hasMessageContaining("channel message").hasMessageContaining("sporadic")
                .satisfies(e -> assertThat(stageOf((AdmissionException) e)).containsExactly(0, 1));

        assertThatThrownBy(() -> factory.admit(spec(Map.of("sporadic", "alerts=1ms,alrets=2ms")), RT,
                List.of(viaChannel)))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("[alrets]")
                .hasMessageContaining("no stage on this kernel");
    }

    @Test
    void aKernelWithoutStagesAdmitsItsEmptySet() {
        Source elsewhere = stream(0, "x", new PoissonSchedule(10, 1, 0, NEVER), 0, on(GP, 1_000));
        assertThatCode(() -> factory.admit(spec(Map.of()), RT, List.of(elsewhere))).doesNotThrowAnyException();
        assertThat(factory.create(spec(Map.of()))).isInstanceOf(RealtimeKernel.class);
    }
}
