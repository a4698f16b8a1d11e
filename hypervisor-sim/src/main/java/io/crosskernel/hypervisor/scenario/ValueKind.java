package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.Units;
import java.util.regex.Pattern;

/**
 * The kinds of numeric value a scenario holds, each in the notation {@code docs/SCENARIOS.md} gives it: a plain number
 * ({@code 4096}, {@code 0.8}), a duration ({@code 50us}), a rate ({@code 20k/s}) or a size ({@code 4KiB}). A value
 * of one kind is read in its base unit: nanoseconds, per second, bytes.
 *
 * <p>Stateless; for configuration only (parsing allocates).
 */
public enum ValueKind {
    NUMBER("a number", "4096"),
    DURATION("a duration", "50us"),
    RATE("a rate", "10k/s"),
    SIZE("a size", "4KiB");

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?[0-9][0-9_]*(\\.[0-9_]+)?");

    private final String described;
    private final String example;

    ValueKind(String described, String example) {
        this.described = described;
        this.example = example;
    }

    /** {@code a duration}: for messages. */
    public String described() {
        return described;
    }

    /** A value of this kind, for hints. */
    public String example() {
        return example;
    }

    /**
     * @return the first kind, in declaration order, that reads {@code text} ({@code 0} and {@code 512} are numbers
     *     first), or null when none does
     */
    public static ValueKind of(String text) {
        for (ValueKind kind : values()) {
            if (kind.reads(text)) {
                return kind;
            }
        }
        return null;
    }

    /** Whether {@code text} is a value of this kind. */
    public boolean reads(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @return {@code text} in the kind's base unit (nanoseconds, per second, bytes)
     * @throws IllegalArgumentException saying what is wrong, with an example
     */
    public double parse(String text) {
        String t = text.strip();
        return switch (this) {
            case NUMBER -> {
                if (!PLAIN_NUMBER.matcher(t).matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a number: write digits, for example "
                            + example);
                }
                yield Double.parseDouble(t.replace("_", ""));
            }
            case DURATION -> Units.parseDurationNanos(t);
            case RATE -> Units.parseRatePerSecond(t);
            case SIZE -> Units.parseSizeBytes(t);
        };
    }
}
