package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a finished run's report maps to {@code xk run}'s exit code (docs/CLI.md#exit-codes). */
class RunExitCodeTest {
    private static RunReport report(boolean balanced, boolean expectationPassed, String failure) {
        Accounting accounting = balanced ? new Accounting(true, true, 0, List.of())
                : new Accounting(false, false, 1, List.of("channel a->b: sent 3 != received 2 + in flight 0"
                        + " + rejected 0 (1 message lost inside the channel)"));
        return new RunReport("s", "s.yaml", 1, 1, 0, -1, List.of(), List.of(), List.of(), accounting,
                List.of(new ExpectationResult("rt.deadline_misses == 0", expectationPassed, 0.0, "0")), 0, List.of(),
                0, List.of(), List.of(), failure);
    }

    @Test
    void aBalancedRunWhoseExpectationsPassExitsZero() {
        assertThat(RunCommand.exitCode(report(true, true, null), true)).isEqualTo(Xk.OK);
    }

    @Test
    void anUnbalancedRunExitsOneLikeAFailedExpectation() {
        assertThat(RunCommand.exitCode(report(false, true, null), true)).isEqualTo(Xk.EXPECTATION_FAILED);
        assertThat(RunCommand.exitCode(report(true, false, null), true)).isEqualTo(Xk.EXPECTATION_FAILED);
    }

    @Test
    void aFailedRunOrAnUnwrittenReportExitsThreeWhateverTheAccounting() {
        assertThat(RunCommand.exitCode(report(false, true, "channel a->b was full"), true))
                .isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(RunCommand.exitCode(report(true, true, null), false)).isEqualTo(Xk.RUNTIME_FAILURE);
    }
}
