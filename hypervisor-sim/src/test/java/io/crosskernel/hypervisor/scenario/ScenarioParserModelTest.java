package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.PoissonSchedule;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.scenario.Expectation.Comparison;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioParserModelTest {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final long S = 1_000_000_000L;

    private final ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());

    @Test
    void appliesEveryDefaultToAMinimalFile() {
        Scenario s = Scenarios.parseGood("minimal.yaml");

        assertThat(s.name()).isEqualTo("minimal");
        assertThat(s.durationNanos()).isEqualTo(10 * S);
        assertThat(s.warmupNanos()).isZero();
        assertThat(s.seed()).isEqualTo(1);
        HostSettings host = s.host();
        assertThat(host.housekeeping()).isTrue();
        assertThat(host.housekeepingCore()).isEqualTo(-1);
        assertThat(host.oversubscribe()).isFalse();
        assertThat(host.onError()).isEqualTo(HostSettings.OnError.CONTINUE);
        assertThat(host.drainTimeoutNanos()).isEqualTo(5 * S);
        assertThat(host.stallNanos()).isEqualTo(1 * S);
        assertThat(host.pos().line()).isEqualTo(1);
        KernelDecl solo = s.kernels().get(0);
        assertThat(solo.idle()).isEqualTo("backoff");
        assertThat(solo.settings()).isEmpty();
        assertThat(s.links()).as("one kernel needs no channel").isEmpty();
        WorkloadDecl tick = s.workloads().get(0);
        assertThat(tick.route().stages()).containsExactly(new Stage(0, "solo", 0, 1, 0));
        assertThat(tick.route().deadlineNanos()).isZero();
        assertThat(tick.schedule()).as("arrival defaults to poisson").isInstanceOf(PoissonSchedule.class);
        assertThat(s.expectations()).isEmpty();
        assertThat(s.sourceText()).contains("name: tick");
    }

    @Test
    void readsEveryKeyOfTheQuickstart() {
        Scenario s = Scenarios.parseGood("quickstart.yaml");

        assertThat(s.name()).isEqualTo("quickstart");
        assertThat(s.durationNanos()).isEqualTo(5 * S);
        assertThat(s.warmupNanos()).isEqualTo(1 * S);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.host()).extracting(HostSettings::housekeepingCore, HostSettings::onError,
                HostSettings::drainTimeoutNanos, HostSettings::stallNanos)
                .containsExactly(0, HostSettings.OnError.STOP, 2 * S, 500 * MS);
        assertThat(s.host().pos()).isEqualTo(new SourcePos(s.file(), 7, 1));

        KernelDecl ingest = s.kernels().get(0);
        KernelDecl worker = s.kernels().get(1);
        assertThat(ingest.id()).isZero();
        assertThat(ingest.cores()).containsExactly(1);
        assertThat(ingest.idle()).isEqualTo("busy-spin");
        assertThat(ingest.settings()).containsEntry("queueDepth", "4096");
        assertThat(ingest.settingPos().get("queueDepth")).isEqualTo(new SourcePos(s.file(), 19, 16));
        assertThat(ingest.pos()).isEqualTo(new SourcePos(s.file(), 15, 5));
        assertThat(ingest.coresPos()).isEqualTo(new SourcePos(s.file(), 17, 12));
        assertThat(worker.id()).isEqualTo(1);
        assertThat(worker.type()).isEqualTo("test");
        assertThat(worker.cores()).containsExactly(2, 3);
        assertThat(s.kernel("worker")).isSameAs(worker);
        assertThat(s.kernel("nobody")).isNull();

        assertThat(s.links()).containsExactly(
                new LinkSpec(0, "ingest", 1, "worker", 64, BackpressurePolicy.DROP_NEWEST),
                new LinkSpec(1, "worker", 0, "ingest", 512, BackpressurePolicy.RETRY));

        WorkloadDecl control = s.workloads().get(0);
        assertThat(control.route().id()).isZero();
        assertThat(control.route().kind()).isEqualTo("periodic");
        assertThat(control.route().deadlineNanos()).as("deadline defaults to the period").isEqualTo(1 * MS);
        assertThat(control.schedule()).isInstanceOf(ConstantRateSchedule.class);
        assertThat(((ConstantRateSchedule) control.schedule()).periodNanos()).isEqualTo(1 * MS);
        assertThat(firstArrivals(control.schedule(), 2)).containsExactly(100 * US, 1100 * US);

        WorkloadDecl orders = s.workloads().get(1);
        assertThat(orders.route().id()).isEqualTo(1);
        assertThat(orders.route().kind()).isEqualTo("stream");
        assertThat(orders.route().deadlineNanos()).isEqualTo(5 * MS);
        assertThat(orders.route().stages()).containsExactly(new Stage(0, "ingest", 2 * US, 1, 0),
                new Stage(1, "worker", 10 * US, 2, 1000));
        assertThat(orders.schedule()).isInstanceOf(PoissonSchedule.class);

        WorkloadDecl spike = s.workloads().get(2);
        assertThat(spike.route().kind()).isEqualTo("burst");
        assertThat(spike.route().stages()).containsExactly(new Stage(0, "ingest", 1 * US, 1, 0));
        assertThat(spike.schedule()).isInstanceOf(BurstSchedule.class);
        assertThat(firstArrivals(spike.schedule(), 5001)).startsWith(2 * S).endsWith(2500 * MS);
        assertThat(spike.pos().line()).isEqualTo(38);
    }

    @Test
    void parsesExpectationsIntoBaseUnits() {
        List<Expectation> e = Scenarios.parseGood("quickstart.yaml").expectations();

        assertThat(e).extracting(Expectation::subject, Expectation::metric, Expectation::op, Expectation::threshold)
                .containsExactly(
                        tuple("worker", "latency.p99", Comparison.LT, 2e6),
                        tuple(null, "accounting.balanced", Comparison.EQ, 1.0),
                        tuple("ingest", "utilisation", Comparison.LE, 0.8),
                        tuple("orders", "throughput", Comparison.GE, 15_000.0),
                        tuple(null, "deadline_misses", Comparison.EQ, 0.0),
                        tuple("orders", "e2e.p999", Comparison.NE, 1.5e9),
                        tuple("spike", "dropped", Comparison.GT, 0.0));
        assertThat(e.get(0).text()).isEqualTo("worker.latency.p99 < 2ms");
        assertThat(e.get(0).pos().line()).isEqualTo(43);
        assertThat(e.get(0).pos().column()).isEqualTo(5);
    }

    @Test
    void explicitTopologyBuildsOnlyTheListedLinks() {
        Scenario s = Scenarios.parseGood("explicit-pipeline.yaml");

        assertThat(s.links()).containsExactly(
                new LinkSpec(0, "io", 1, "rt", 256, BackpressurePolicy.FAIL),
                new LinkSpec(1, "rt", 2, "store", 4096, BackpressurePolicy.RETRY));
        assertThat(s.kernels().get(2).cores()).containsExactly(3, 5, 6);
        assertThat(s.kernels()).extracting(KernelDecl::idle).containsExactly("backoff", "yield", "park");
        ArrivalSchedule schedule = s.workloads().get(0).schedule();
        assertThat(schedule).isInstanceOf(ConstantRateSchedule.class);
        assertThat(((ConstantRateSchedule) schedule).periodNanos()).isEqualTo(2 * MS);
        assertThat(s.expectations()).extracting(Expectation::threshold).containsExactly(1e6, 0.0);
    }

    @Test
    void fullMeshHasAChannelForEveryOrderedPair() {
        Scenario s = parser.parse("kernels:\n"
                + "  - {name: a, type: general, cores: [1]}\n"
                + "  - {name: b, type: general, cores: [2]}\n"
                + "  - {name: c, type: general, cores: [3]}\n"
                + "workload:\n"
                + "  - {name: w, stream: {rate: 1/s}, kernel: a}\n", null);

        assertThat(s.links()).extracting(LinkSpec::label)
                .containsExactly("a->b", "a->c", "b->a", "b->c", "c->a", "c->b");
        assertThat(s.links()).allSatisfy(l -> assertThat(l.capacity()).isEqualTo(1024))
                .allSatisfy(l -> assertThat(l.policy()).isEqualTo(BackpressurePolicy.RETRY));
        assertThat(s.name()).isEqualTo("scenario");
    }

    @Test
    void poissonStreamsOfOneRunDifferButRepeatAcrossParses() {
        String text = "seed: 7\nkernels: [{name: a, type: general, cores: [1]}]\nworkload:\n"
                + "  - {name: one, stream: {rate: 1k/s}, kernel: a}\n"
                + "  - {name: two, stream: {rate: 1k/s}, kernel: a}\n";
        Scenario first = parser.parse(text, Path.of("x.yaml"));
        Scenario again = parser.parse(text, Path.of("x.yaml"));

        List<Long> one = firstArrivals(first.workloads().get(0).schedule(), 20);
        List<Long> two = firstArrivals(first.workloads().get(1).schedule(), 20);
        assertThat(one).isNotEqualTo(two);
        assertThat(firstArrivals(again.workloads().get(0).schedule(), 20)).isEqualTo(one);
        assertThat(first.name()).isEqualTo("x");
    }

    @Test
    void emptyHostAndChannelsSectionsMeanDefaults() {
        Scenario s = parser.parse("host:\nchannels:\nkernels: [{name: a, type: general, cores: 0-1}]\n"
                + "workload: [{name: w, periodic: {period: 2ms, deadline: 0}, kernel: a}]\n", null);

        assertThat(s.host().housekeeping()).isTrue();
        assertThat(s.kernels().get(0).cores()).containsExactly(0, 1);
        assertThat(s.workloads().get(0).route().deadlineNanos()).as("0 switches the deadline off").isZero();
    }

    @Test
    void countsAndFractionsAcceptPlainNumbers() {
        Scenario s = parser.parse("kernels: [{name: a, type: general, cores: [1]}]\n"
                + "workload: [{name: w, stream: {rate: 1k/s}, kernel: a}]\n"
                + "expect: ['a.utilisation < 0.5', 'w.throughput > 900', 'a.tasks_completed >= 1_000',"
                + " 'w.e2e.max < 0', 'errors <= 2']\n", null);

        assertThat(s.expectations()).extracting(Expectation::threshold).containsExactly(0.5, 900.0, 1000.0, 0.0,
                2.0);
    }

    private static List<Long> firstArrivals(ArrivalSchedule prototype, int n) {
        ArrivalSchedule schedule = prototype.copy();
        List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(schedule.peek());
            schedule.advance();
        }
        return out;
    }
}
