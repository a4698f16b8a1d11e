package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;

/**
 * The bounds on what the scenario reader accepts, documented in docs/SCENARIOS.md ("Limits"). Each exists so that
 * hostile or accidental input (a binary file, {@code /dev/zero}, 10 000 nested brackets, a 100 000-character name)
 * ends in a one-line error instead of an {@code OutOfMemoryError}, a {@code StackOverflowError} or a report nobody
 * can read. Every one is far above what a real scenario needs.
 *
 * <p>Threading: constants only.
 */
public final class ScenarioLimits {
    /** The largest scenario file read, in bytes: 1 MiB. The quick start is 1.2 KiB; 1 MiB holds ~20 000 workloads. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** "1 MiB", as messages and the docs say it. */
    public static final String MAX_FILE_TEXT = "1 MiB";
    /** How deep lists and mappings may nest. A scenario needs five levels (workload, entry, stages, stage, value). */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest kernel or workload name: names head every metric, report row and Prometheus label. */
    public static final int MAX_NAME_LENGTH = 64;
    /** The longest scenario {@code name:}, which heads every report. */
    public static final int MAX_SCENARIO_NAME_LENGTH = 200;

    private ScenarioLimits() {
    }

    /** @param what {@code the file is larger than} (bytes read) or {@code the scenario is longer than} (text given) */
    static ScenarioException tooLarge(Path file, String what) {
        return new ScenarioException(new SourcePos(file, 1, 1), what + " " + MAX_FILE_TEXT + ", the limit for a"
                + " scenario", "a scenario is a few kilobytes: check that this is the right file; docs/SCENARIOS.md"
                + " lists the limits");
    }
}
