package io.crosskernel.hypervisor.report;

/**
 * One {@code expect:} threshold checked against the run.
 *
 * @param expr       as written in the scenario
 * @param actual     the measured value in base units (nanoseconds, a fraction, a count, per second, 1/0); null when
 *                  the metric does not exist
 * @param actualText the measured value for people, e.g. {@code 1.2ms}
 */
public record ExpectationResult(String expr, boolean passed, Double actual, String actualText) {
}
