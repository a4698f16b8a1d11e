package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** What a valid scenario is warned about: releases outside the run, constant rates that cannot be kept. */
class ScenarioWarningsTest {
    private static final String KERNELS = "kernels: [{name: a, type: general, cores: [1]}]\n";

    private final ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());

    private Scenario parse(String text) {
        return parser.parse(text, null);
    }

    @Test
    void aBurstAtTheEndOfTheRunIsReportedAtItsAt() {
        Scenario s = parse("duration: 2s\nwarmup: 1s\n" + KERNELS
                + "workload:\n  - name: spike\n    burst: {at: 3s, count: 5}\n    kernel: a\n");

        assertThat(s.warnings()).extracting(ScenarioWarning::toString).containsExactly("<scenario>:6:17: workload"
                + " 'spike' releases nothing: its first release at 3s falls at or after the end of the run at 3s"
                + " (warm-up 1s + duration 2s) (release it before 3s, or make the run longer)");
    }

    @Test
    void aShorterRunIsCheckedAgainItsOwnEnd() {
        Scenario s = parse("duration: 5s\n" + KERNELS
                + "workload:\n  - {name: spike, burst: {at: 3s, count: 5}, kernel: a}\n");

        assertThat(s.warnings()).isEmpty();
        assertThat(s.withDuration(2_000_000_000L).warnings()).singleElement().asString()
                .startsWith("<scenario>:4:31: workload 'spike' releases nothing: its first release at 3s falls at or"
                        + " after the end of the run at 2s (release it before 2s");
    }

    @Test
    void aPeriodicOffsetOrASlowStreamPastTheEndIsReportedToo() {
        Scenario s = parse("duration: 1s\nseed: 7\n" + KERNELS + "workload:\n"
                + "  - {name: late, periodic: {period: 1ms, offset: 2s}, kernel: a}\n"
                + "  - {name: rare, stream: {rate: 0.001/s}, kernel: a}\n"
                + "  - {name: fine, burst: {count: 1}, kernel: a}\n"
                + "  - {name: outside, ingress: {protocol: udp}, kernel: a}\n");

        assertThat(s.warnings()).extracting(w -> w.pos().line() + ":" + w.pos().column() + " " + w.problem())
                .satisfiesExactly(
                        late -> assertThat(late).startsWith("5:50 workload 'late' releases nothing: its first release"
                                + " at 2s"),
                        rare -> assertThat(rare).startsWith("6:33 workload 'rare' releases nothing: its first"
                                + " arrival at "));
    }

    @Test
    void aBurstThatRepeatsIntoTheRunIsFine() {
        assertThat(parse("duration: 5s\n" + KERNELS
                + "workload: [{name: spike, burst: {at: 4s, count: 5, every: 1s}, kernel: a}]\n").warnings())
                .isEmpty();
    }

    @Test
    void aConstantRateAboveOneGigahertzIsRefusedWhateverTheRounding() {
        for (String rate : new String[] {"1.2G/s", "1.5G/s", "2G/s", "3G/s"}) {
            ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(KERNELS
                    + "workload: [{name: w, stream: {rate: " + rate + ", arrival: constant}, kernel: a}]\n"));

            assertThat(e).as(rate).isNotNull();
            assertThat(e.problem()).startsWith("a constant rate of " + rate + " is above 1G/s");
        }
        assertThat(parse(KERNELS + "workload: [{name: w, stream: {rate: 1G/s, arrival: constant}, kernel: a}]\n")
                .warnings()).isEmpty();
    }

    @Test
    void aConstantRateItCannotKeepWithinOnePercentIsWarnedAbout() {
        Scenario s = parse(KERNELS + "workload:\n"
                + "  - {name: w, stream: {rate: 600M/s, arrival: constant}, kernel: a}\n"
                + "  - {name: v, stream: {rate: 3M/s, arrival: constant}, kernel: a}\n");

        assertThat(s.warnings()).singleElement().asString().isEqualTo("<scenario>:3:30: workload 'w' runs at 500M/s,"
                + " not 600M/s: a constant stream releases a request every whole number of nanoseconds (here every"
                + " 2ns) (choose a rate whose gap is a whole number of nanoseconds, such as 500M/s, or use"
                + " 'arrival: poisson')");
    }
}
