package io.crosskernel.cli.prometheus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line is a {@code # HELP}, a
 * {@code # TYPE} or a sample {@code name{labels} value}; every sample belongs to a family whose {@code # TYPE} came
 * before it; names and label names are legal; no series appears twice. Throws {@link IllegalArgumentException} naming
 * the line otherwise.
 */
final class ExpositionText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("(" + LABEL_NAME + ")=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** One series' value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Family name to type, in the order declared. */
    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static ExpositionText parse(String text) {
        ExpositionText parsed = new ExpositionText();
        Set<String> series = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                if (number == text.split("\n", -1).length) {
                    continue; // the newline that ends the last line
                }
                throw bad(number, line, "empty line");
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (parsed.types.put(m.group(1), m.group(2)) != null) {
                    throw bad(number, line, "second TYPE for the family");
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if (line.startsWith("#")) {
                throw bad(number, line, "a comment that is neither HELP nor TYPE");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Map<String, String> labels = labels(m.group(2), number, line);
                double value = value(m.group(3), number, line);
                String family = parsed.familyOf(m.group(1));
                if (family == null) {
                    throw bad(number, line, "no # TYPE declared before this sample");
                }
                if (!series.add(m.group(1) + labels)) {
                    throw bad(number, line, "series repeated");
                }
                parsed.samples.add(new Sample(m.group(1), labels, value));
            } else {
                throw bad(number, line, "not name{labels} value");
            }
        }
        return parsed;
    }

    /** The declared family a sample name belongs to ({@code x_count} and {@code x_sum} belong to summary x). */
    String familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : new String[] {"_count", "_sum", "_bucket"}) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("summary".equals(type) || "histogram".equals(type)) {
                    return base;
                }
            }
        }
        return null;
    }

    /** Samples named exactly {@code name}. */
    List<Sample> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample named {@code name} with exactly these label pairs. */
    double value(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + wanted + ", found " + found.size());
        }
        return found.get(0).value();
    }

    private static Map<String, String> labels(String text, int number, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw bad(number, line, "bad label at " + text.substring(at));
            }
            if (labels.put(m.group(1), m.group(2)) != null) {
                throw bad(number, line, "label repeated");
            }
            at = m.end();
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    throw bad(number, line, "labels not separated by a comma");
                }
                at++;
            }
        }
        return labels;
    }

    private static double value(String text, int number, String line) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!NUMBER.matcher(text).matches()) {
                    throw bad(number, line, "value is not a number");
                }
                return Double.parseDouble(text);
        }
    }

    private static IllegalArgumentException bad(int number, String line, String why) {
        return new IllegalArgumentException("line " + number + ": " + why + ": " + line);
    }
}
