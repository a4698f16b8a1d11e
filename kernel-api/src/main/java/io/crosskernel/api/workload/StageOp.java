package io.crosskernel.api.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a stage's task does: the {@code op} of a stage in a scenario, named once for the scenario reader, the kernels'
 * admission and their dispatchers.
 *
 * <p>A scenario writes the {@link #label()} ({@code spin}, {@code put}, ...); {@link #toString()} is the label too, so
 * messages that name an op read as the scenario does. Immutable.
 */
public enum StageOp {
    /** A busy spin of the stage's {@code cost}: CPU work of a known length. The default. */
    SPIN(false, false),
    /** Writes {@code size} bytes under the request's key to a storage kernel's durable log. */
    PUT(true, false),
    /** Reads the request's key back from a storage kernel's log and checks the bytes. */
    GET(true, false),
    /** Appends a tombstone for the request's key to a storage kernel's log. */
    DELETE(true, false),
    /**
     * A {@code put}, {@code get} or {@code delete}, chosen per request from its workload's {@code kv:} shares by a
     * hash of the request id ({@link KeyWorkload#op(long)}): the same request is the same op in every run.
     */
    MIX(true, false),
    /** Deflates {@code size} bytes: a stateless data job any data-capable kernel runs. */
    COMPRESS(false, true),
    /** CRC32C of {@code size} bytes: a stateless data job. */
    CHECKSUM(false, true),
    /** AES-GCM of {@code size} bytes: a stateless data job. */
    ENCRYPT(false, true),
    /**
     * Allocates {@code size} bytes of short-lived garbage (1 KiB arrays, the newest 1 MiB kept reachable), then spins
     * the stage's {@code cost}: a neighbour that loads the collector at the workload's rate times {@code size} bytes a
     * second (a general kernel only).
     */
    ALLOCATE(false, false);

    /** Every label, in the order documented (the declaration order). */
    public static final List<String> LABELS;

    static {
        List<String> labels = new ArrayList<>();
        for (StageOp op : values()) {
            labels.add(op.label());
        }
        LABELS = Collections.unmodifiableList(labels);
    }

    private final boolean needsLog;
    private final boolean dataJob;
    private final String label;

    StageOp(boolean needsLog, boolean dataJob) {
        this.needsLog = needsLog;
        this.dataJob = dataJob;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** The name a scenario writes. */
    public String label() {
        return label;
    }

    /** True for {@code put}, {@code get} and {@code delete}: they need a storage kernel's durable log. */
    public boolean needsLog() {
        return needsLog;
    }

    /** True for the stateless data jobs ({@code compress}, {@code checksum}, {@code encrypt}). */
    public boolean isDataJob() {
        return dataJob;
    }

    /**
     * @param label a label exactly as in {@link #LABELS}
     * @throws IllegalArgumentException naming the labels accepted
     */
    public static StageOp fromLabel(String label) {
        for (StageOp op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op '" + label + "': use one of " + LABELS);
    }

    @Override
    public String toString() {
        return label;
    }
}
