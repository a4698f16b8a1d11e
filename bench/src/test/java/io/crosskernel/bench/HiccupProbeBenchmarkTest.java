package io.crosskernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link HiccupProbeBenchmark} with a tiny budget and checks what does not depend on the machine: the metered
 * duty cycle allocates nothing. No timing is asserted (the lead measures the ratio on a quiet machine).
 */
class HiccupProbeBenchmarkTest {

    @Test
    void theMeteredDutyCycleAllocatesNothing() throws Exception {
        TinyBudgetRun run = TinyBudgetRun.of(HiccupProbeBenchmark.class);

        assertThat(run.byMethod()).containsOnlyKeys("meterOn", "meterOff");
        // JMH's own bookkeeping shows as ~0.01 B/op in both; one object per cycle would be 16 B or more.
        assertThat(run.bytesPerOp("meterOn")).as("bytes allocated per metered duty cycle").isLessThan(0.5);
    }
}
