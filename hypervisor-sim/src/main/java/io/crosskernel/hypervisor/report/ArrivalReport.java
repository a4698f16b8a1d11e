package io.crosskernel.hypervisor.report;

import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.PoissonSchedule;

/**
 * When a workload's requests arrive, as numbers: the figures behind {@link WorkloadReport#schedule()}'s text. A
 * figure that does not apply to the pattern is null.
 *
 * @param pattern       {@code constant} (periodic workloads and constant-rate streams), {@code poisson},
 *                      {@code burst}, {@code ingress} (requests come from a socket), or {@code other} (a schedule this
 *                      report does not know)
 * @param ratePerSecond mean arrivals per second (constant, poisson)
 * @param periodNanos   time between arrivals (constant)
 * @param offsetNanos   the first arrival, from the start of the run (constant, poisson)
 * @param atNanos       the first burst, from the start of the run (burst)
 * @param count         requests per burst (burst)
 * @param everyNanos    time between bursts, 0 for a single one (burst)
 * @param protocol      {@code udp} or {@code tcp} (ingress)
 */
public record ArrivalReport(String pattern, Double ratePerSecond, Long periodNanos, Long offsetNanos, Long atNanos,
        Long count, Long everyNanos, String protocol) {

    /** The figures of {@code schedule}, a prototype or copy (only its settings are read, never its position). */
    public static ArrivalReport of(ArrivalSchedule schedule) {
        if (schedule instanceof ConstantRateSchedule constant) {
            return new ArrivalReport("constant", 1e9 / constant.periodNanos(), constant.periodNanos(),
                    constant.offsetNanos(), null, null, null, null);
        }
        if (schedule instanceof PoissonSchedule poisson) {
            return new ArrivalReport("poisson", poisson.ratePerSecond(), null, poisson.offsetNanos(), null, null,
                    null, null);
        }
        if (schedule instanceof BurstSchedule burst) {
            return new ArrivalReport("burst", null, null, null, burst.atNanos(), (long) burst.count(),
                    burst.everyNanos(), null);
        }
        if (schedule instanceof ExternalArrivals external) {
            return new ArrivalReport("ingress", null, null, null, null, null, null, external.protocol());
        }
        return new ArrivalReport("other", null, null, null, null, null, null, null);
    }
}
