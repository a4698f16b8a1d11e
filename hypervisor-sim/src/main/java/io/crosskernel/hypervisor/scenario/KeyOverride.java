package io.crosskernel.hypervisor.scenario;

/**
 * One value of a scenario file replaced before the file is read ({@code xk run --set PATH=VALUE}, each point of
 * {@code xk sweep}): the value goes through the same checks as if it had been written in the file. Immutable.
 *
 * @param path  the key's path, as {@link ScenarioKeys} reads it: {@code workload.orders.stream.rate},
 *              {@code orders.stream.rate}, {@code kernels.rt.settings.spinAhead}
 * @param value the text to read in place of the file's value, e.g. {@code 50k/s}
 */
public record KeyOverride(String path, String value) {
}
