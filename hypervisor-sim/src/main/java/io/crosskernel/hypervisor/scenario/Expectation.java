package io.crosskernel.hypervisor.scenario;

/**
 * One {@code expect:} threshold, e.g. {@code worker.latency.p99 < 2ms}.
 *
 * @param text      as written
 * @param subject   a kernel or workload name, or null for a run-wide metric
 * @param metric    the metric path after the subject, e.g. {@code latency.p99}; or the whole name when subject is
 *                  null, e.g. {@code deadline_misses}
 * @param op        the comparison
 * @param threshold the right-hand side in base units: nanoseconds for durations, a fraction for percentages, events
 *                  per second for rates, 1/0 for true/false
 * @param pos       where it is written
 */
public record Expectation(String text, String subject, String metric, Comparison op, double threshold,
        SourcePos pos) {

    /** A comparison operator, applied as {@code actual op threshold}. */
    public enum Comparison {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double actual, double threshold) {
            switch (this) {
                case LT:
                    return actual < threshold;
                case LE:
                    return actual <= threshold;
                case GT:
                    return actual > threshold;
                case GE:
                    return actual >= threshold;
                case EQ:
                    return actual == threshold;
                default:
                    return actual != threshold;
            }
        }
    }
}
