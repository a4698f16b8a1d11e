package io.crosskernel.hypervisor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.PoissonSchedule;
import org.junit.jupiter.api.Test;

class ArrivalReportTest {
    private static final long NEVER = ArrivalSchedule.NO_MORE_ARRIVALS;

    @Test
    void everyScheduleGivesItsFiguresAsNumbers() {
        assertThat(ArrivalReport.of(new ConstantRateSchedule(1_000_000, 500_000, NEVER)))
                .isEqualTo(new ArrivalReport("constant", 1000.0, 1_000_000L, 500_000L, null, null, null, null));
        assertThat(ArrivalReport.of(new PoissonSchedule(20_000, 42, 0, NEVER)))
                .isEqualTo(new ArrivalReport("poisson", 20_000.0, null, 0L, null, null, null, null));
        assertThat(ArrivalReport.of(new BurstSchedule(2_000_000_000L, 20_000, 5_000_000_000L, NEVER)))
                .isEqualTo(new ArrivalReport("burst", null, null, null, 2_000_000_000L, 20_000L, 5_000_000_000L,
                        null));
        assertThat(ArrivalReport.of(new ExternalArrivals("udp")))
                .isEqualTo(new ArrivalReport("ingress", null, null, null, null, null, null, "udp"));
    }

    @Test
    void readingAScheduleDoesNotAdvanceIt() {
        PoissonSchedule schedule = new PoissonSchedule(1_000, 7, 0, NEVER);
        long first = schedule.peek();

        ArrivalReport.of(schedule);

        assertThat(schedule.peek()).isEqualTo(first);
    }
}
