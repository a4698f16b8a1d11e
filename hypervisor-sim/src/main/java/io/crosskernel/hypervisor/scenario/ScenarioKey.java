package io.crosskernel.hypervisor.scenario;

/**
 * A value written in a scenario file, found by its path ({@link ScenarioKeys#find}). Immutable.
 *
 * @param path the canonical path: list items by name, the short form spelt out ({@code workload.orders.stream.rate}
 *             for {@code orders.stream.rate})
 * @param text the value as written
 * @param pos  where the value is written
 */
public record ScenarioKey(String path, String text, SourcePos pos) {
}
