package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.scenario.Expectation.Comparison;
import io.crosskernel.hypervisor.scenario.MetricNames.Metric;
import io.crosskernel.hypervisor.scenario.MetricNames.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code expect:} lines of the form {@code <metric> <op> <value>} against {@link MetricNames}.
 *
 * <p>Threading: one instance per parse, confined to the parsing thread.
 */
final class ExpectationReader {
    private static final Pattern LINE = Pattern.compile("\\s*([^\\s<>=!]+)\\s*(<=|>=|==|!=|<|>)\\s*(\\S.*?)\\s*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9_]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final String FORM = "write '<metric> <op> <value>' with op one of < <= > >= == !=,"
            + " for example 'worker.latency.p99 < 2ms'";

    private final YamlSource source;
    private final Set<String> kernels = new LinkedHashSet<>();
    private final Set<String> workloads = new LinkedHashSet<>();
    private final Set<String> groups = new LinkedHashSet<>();

    ExpectationReader(YamlSource source, List<KernelDecl> kernels, List<WorkloadDecl> workloads) {
        this.source = source;
        kernels.forEach(k -> this.kernels.add(k.name()));
        kernels.stream().filter(KernelDecl::isShard).forEach(k -> groups.add(k.shard().group()));
        workloads.forEach(w -> this.workloads.add(w.name()));
    }

    /** @param node the value of {@code expect:}, or null when absent */
    List<Expectation> read(Node node) {
        if (node == null) {
            return List.of();
        }
        List<Expectation> expectations = new ArrayList<>();
        for (Node item : source.list(node, "'expect'", "'- \"worker.latency.p99 < 2ms\"'")) {
            expectations.add(expectation(item));
        }
        return expectations;
    }

    private Expectation expectation(Node node) {
        String text = source.text(node, "an expectation");
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            String problem = Echo.quote(text) + " is not an expectation";
            if (text.contains("=") && !text.matches(".*(==|<=|>=|!=).*")) {
                problem += ": '=' alone is not a comparison";
            }
            throw source.error(node, problem, FORM);
        }
        String name = m.group(1);
        Comparison op = comparison(m.group(2));
        Metric metric = MetricNames.find(Scope.RUN, name);
        String subject = null;
        String metricName = name;
        if (metric == null) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                Set<String> candidates = new LinkedHashSet<>(MetricNames.names(Scope.RUN));
                String best = DidYouMean.suggest(name, candidates);
                throw source.error(node, "unknown metric " + Echo.quote(name), best != null
                        ? "did you mean '" + best + "'?"
                        : "run-wide metrics: " + String.join(", ", candidates)
                                + "; for a kernel or workload write '<name>.<metric>'");
            }
            subject = name.substring(0, dot);
            metricName = name.substring(dot + 1);
            Scope scope;
            if (kernels.contains(subject)) {
                scope = Scope.KERNEL;
            } else if (workloads.contains(subject)) {
                scope = Scope.WORKLOAD;
            } else if (groups.contains(subject)) {
                scope = Scope.SHARD_GROUP;
            } else {
                Set<String> subjects = new LinkedHashSet<>(kernels);
                subjects.addAll(groups);
                subjects.addAll(workloads);
                // 'accounting.balance' is a typo of a run-wide metric, not of a kernel or workload.
                String runWide = DidYouMean.suggest(name, MetricNames.names(Scope.RUN));
                throw source.error(node, "unknown kernel or workload " + Echo.quote(subject) + " in "
                        + Echo.quote(name), runWide != null && DidYouMean.suggest(subject, subjects) == null
                        ? "did you mean the run-wide metric '" + runWide + "'?"
                        : DidYouMean.hint(subject, subjects, "kernels and workloads"));
            }
            metric = MetricNames.find(scope, metricName);
            if (metric == null) {
                throw source.error(node, "unknown " + scopeWord(scope) + " metric " + Echo.quote(metricName) + " in "
                        + Echo.quote(name), metricHint(scope, subject, metricName));
            }
        }
        double threshold = threshold(node, m.group(3), metric, name);
        return new Expectation(text, subject, metricName, op, threshold, source.pos(node));
    }

    private static String scopeWord(Scope scope) {
        return scope == Scope.KERNEL ? "kernel" : scope == Scope.SHARD_GROUP ? "shard group" : "workload";
    }

    private static String metricHint(Scope scope, String subject, String metricName) {
        String best = DidYouMean.suggest(metricName, MetricNames.names(scope));
        if (best != null) {
            return "did you mean '" + subject + "." + best + "'?";
        }
        Scope other = scope == Scope.KERNEL ? Scope.WORKLOAD : Scope.KERNEL;
        String prefix = MetricNames.find(other, metricName) != null
                ? "'" + metricName + "' is a " + scopeWord(other) + " metric, and '" + subject + "' is a "
                        + scopeWord(scope) + "; "
                : "";
        return prefix + scopeWord(scope) + " metrics: " + String.join(", ", MetricNames.names(scope));
    }

    private static Comparison comparison(String symbol) {
        for (Comparison c : Comparison.values()) {
            if (c.symbol().equals(symbol)) {
                return c;
            }
        }
        throw new IllegalStateException("pattern admits only known operators: " + symbol);
    }

    /** Converts the right-hand side to the metric's unit, refusing values of another kind. */
    private double threshold(Node node, String value, Metric metric, String name) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        boolean isBool = lower.equals("true") || lower.equals("false");
        switch (metric.unit()) {
            case BOOLEAN:
                if (!isBool) {
                    throw source.error(node, "'" + name + "' is true or false, not " + Echo.quote(v),
                            "write '" + name + " == true'");
                }
                return lower.equals("true") ? 1 : 0;
            case NANOS:
                if (NUMBER.matcher(v).matches() && Double.parseDouble(v.replace("_", "")) != 0) {
                    throw source.error(node, Echo.quote(v) + " has no unit, but '" + name + "' is a time",
                            "write a duration such as 2ms, 250us or 800ns");
                }
                try {
                    return Units.parseDurationNanos(v);
                } catch (IllegalArgumentException e) {
                    throw source.error(node, e.getMessage(), "'" + name + "' is a time: write a duration such as 2ms");
                }
            case FRACTION:
                if (v.endsWith("%") && NUMBER.matcher(v.substring(0, v.length() - 1).trim()).matches()) {
                    return Double.parseDouble(v.substring(0, v.length() - 1).trim().replace("_", "")) / 100.0;
                }
                if (NUMBER.matcher(v).matches()) {
                    return Double.parseDouble(v.replace("_", ""));
                }
                throw source.error(node, Echo.quote(v) + " is not a fraction", "'" + name
                        + "' is a fraction: write a percentage such as 80% or a number such as 0.8");
            case PER_SECOND:
                if (NUMBER.matcher(v).matches()) {
                    return Double.parseDouble(v.replace("_", ""));
                }
                try {
                    return Units.parseRatePerSecond(v);
                } catch (IllegalArgumentException e) {
                    throw source.error(node, e.getMessage(), "'" + name + "' is a rate: write it like 10k/s");
                }
            default:
                if (NUMBER.matcher(v).matches()) {
                    return Double.parseDouble(v.replace("_", ""));
                }
                throw source.error(node, Echo.quote(v) + " is not a number, but '" + name + "' is a count",
                        isBool ? "compare counts with numbers, for example '" + name + " == 0'"
                                : "write a plain number, for example '" + name + " == 0'");
        }
    }
}
