package io.crosskernel.kernels.storage;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Units;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The storage kernel's settings. Immutable; parsed on the host thread during validation and boot.
 *
 * @param dir        the log directory as written, or {@code null} for the default {@code xk-data/<kernel name>}
 *                   (relative to the working directory)
 * @param sync       when appends are forced to the device
 * @param syncBatch  appends per force under {@link SyncPolicy#BATCH}
 * @param keys       size of the key space: a put/get/delete uses key {@code payload mod keys}
 * @param queueDepth how many requests the kernel can hold at once (its job pool)
 * @param batch      most messages drained per channel, source arrivals released, and tasks run, per duty cycle
 * @param maxValue   largest {@code size} a stage may ask for, in bytes; sizes every preallocated buffer
 * @param verify     keep a ledger of every acknowledged put and delete and, at the end of the run, read each key
 *                   back and count those that do not answer as their last acknowledged write (docs/SHARDING.md)
 * @param loseWriteEvery fault injection for {@code verify}: every n-th put is acknowledged without being written
 *                   (0: never); a test of the check, never for real use
 * @param unsafeHandoff fault injection for a live reshard: a gaining shard runs requests for a moving key at once
 *                   instead of holding them until the key's state has arrived, so an old copy can land on a newer
 *                   write; a test that the order and read-back checks see it, never for real use
 */
public record StorageSettings(String dir, SyncPolicy sync, int syncBatch, long keys, int queueDepth, int batch,
        int maxValue, boolean verify, long loseWriteEvery, boolean unsafeHandoff) {
    public static final String DIR = "dir";
    public static final String SYNC = "sync";
    public static final String SYNC_BATCH = "syncBatch";
    public static final String KEYS = "keys";
    public static final String QUEUE_DEPTH = "queueDepth";
    public static final String BATCH = "batch";
    public static final String MAX_VALUE = "maxValue";
    public static final String VERIFY = "verify";
    public static final String LOSE_WRITE_EVERY = "loseWriteEvery";
    public static final String UNSAFE_HANDOFF = "unsafeHandoff";
    public static final Set<String> ALL_KEYS = Set.of(DIR, SYNC, SYNC_BATCH, KEYS, QUEUE_DEPTH, BATCH, MAX_VALUE,
            VERIFY, LOSE_WRITE_EVERY, UNSAFE_HANDOFF);

    /** Where logs go when {@code dir} is not set, relative to the working directory. */
    public static final String DEFAULT_DATA_ROOT = "xk-data";
    public static final int DEFAULT_SYNC_BATCH = 1024;
    public static final long DEFAULT_KEYS = 100_000;
    public static final long MAX_KEYS = 1L << 40;
    public static final int DEFAULT_QUEUE_DEPTH = 4096;
    public static final int MIN_QUEUE_DEPTH = 16;
    public static final int MAX_QUEUE_DEPTH = 1 << 20;
    public static final int DEFAULT_BATCH = 64;
    public static final int MAX_BATCH = 65536;
    public static final int DEFAULT_MAX_VALUE = 64 * 1024;
    /** Every buffer is sized by maxValue and there are about seven of them: keep the total sane. */
    public static final int MAX_MAX_VALUE = 16 << 20;

    /** Settings without a ledger (no {@code verify}). */
    public StorageSettings(String dir, SyncPolicy sync, int syncBatch, long keys, int queueDepth, int batch,
            int maxValue) {
        this(dir, sync, syncBatch, keys, queueDepth, batch, maxValue, false, 0);
    }

    /** Settings with no reshard fault injected. */
    public StorageSettings(String dir, SyncPolicy sync, int syncBatch, long keys, int queueDepth, int batch,
            int maxValue, boolean verify, long loseWriteEvery) {
        this(dir, sync, syncBatch, keys, queueDepth, batch, maxValue, verify, loseWriteEvery, false);
    }

    public StorageSettings {
        if (sync == null) {
            throw new InvalidSettingException(SYNC, "sync must be one of none, batch, every");
        }
        check(SYNC_BATCH, syncBatch, 1, Integer.MAX_VALUE, "1024");
        check(KEYS, keys, 1, MAX_KEYS, "100000");
        check(QUEUE_DEPTH, queueDepth, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, "4096");
        check(BATCH, batch, 1, MAX_BATCH, "64");
        check(MAX_VALUE, maxValue, 1, MAX_MAX_VALUE, "64KiB");
        check(LOSE_WRITE_EVERY, loseWriteEvery, 0, Long.MAX_VALUE, "0");
    }

    /** Every default: {@code xk-data/<name>}, batch sync every 1024 appends, 100000 keys, 4096 jobs, batch 64, 64KiB. */
    public static StorageSettings defaults() {
        return new StorageSettings(null, SyncPolicy.BATCH, DEFAULT_SYNC_BATCH, DEFAULT_KEYS, DEFAULT_QUEUE_DEPTH,
                DEFAULT_BATCH, DEFAULT_MAX_VALUE);
    }

    /** The log directory of kernel {@code kernelName}: {@code dir}, or {@code xk-data/<kernelName>}. */
    public Path directory(String kernelName) {
        return dir == null ? Path.of(DEFAULT_DATA_ROOT, kernelName) : Path.of(dir);
    }

    /**
     * The log directory of the kernel {@code spec} describes: as {@link #directory(String)}, except that each shard
     * of a group whose {@code dir} is written gets a directory of its own under it, {@code dir/<shard name>}.
     */
    public Path directory(io.crosskernel.api.KernelSpec spec) {
        return dir != null && spec.shard() != null ? Path.of(dir, spec.name()) : directory(spec.name());
    }

    /**
     * Parses the settings the scenario wrote; missing keys take their defaults.
     *
     * @throws InvalidSettingException naming the key that is wrong and what to write instead
     */
    public static StorageSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!ALL_KEYS.contains(key)) {
                throw new InvalidSettingException(key, "unknown setting '" + key + "' for a storage kernel: the"
                        + " accepted settings are dir, sync, syncBatch, keys, queueDepth, batch, maxValue, verify,"
                        + " loseWriteEvery and unsafeHandoff");
            }
        }
        String dir = settings.get(DIR);
        if (dir != null) {
            checkDir(dir);
        }
        SyncPolicy sync = parseSync(settings.get(SYNC));
        long syncBatch = parseLong(settings, SYNC_BATCH, DEFAULT_SYNC_BATCH);
        long keys = parseLong(settings, KEYS, DEFAULT_KEYS);
        long queueDepth = parseLong(settings, QUEUE_DEPTH, DEFAULT_QUEUE_DEPTH);
        long batch = parseLong(settings, BATCH, DEFAULT_BATCH);
        long maxValue = parseSize(settings.get(MAX_VALUE));
        check(SYNC_BATCH, syncBatch, 1, Integer.MAX_VALUE, "1024");
        check(QUEUE_DEPTH, queueDepth, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, "4096");
        check(BATCH, batch, 1, MAX_BATCH, "64");
        check(MAX_VALUE, maxValue, 1, MAX_MAX_VALUE, "64KiB");
        boolean verify = parseBoolean(settings, VERIFY);
        long loseWriteEvery = parseLong(settings, LOSE_WRITE_EVERY, 0);
        check(LOSE_WRITE_EVERY, loseWriteEvery, 0, Long.MAX_VALUE, "0");
        return new StorageSettings(dir == null ? null : dir.trim(), sync, (int) syncBatch, keys, (int) queueDepth,
                (int) batch, (int) maxValue, verify, loseWriteEvery, parseBoolean(settings, UNSAFE_HANDOFF));
    }

    private static boolean parseBoolean(Map<String, String> settings, String key) {
        String text = settings.get(key);
        if (text == null) {
            return false;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new InvalidSettingException(key, key + " must be true or false, got '" + text
                        + "': write for example '" + key + ": true'");
        }
    }

    /**
     * A directory name must be a path this machine can create: not blank, and free of control characters (NUL can
     * be in no file name; the others make a name nobody can type or list safely).
     */
    private static void checkDir(String dir) {
        String example = "write a plain path, for example 'dir: xk-data/store'";
        if (dir.isBlank()) {
            throw new InvalidSettingException(DIR, "dir must name a directory: " + example);
        }
        for (int i = 0; i < dir.length(); i++) {
            char c = dir.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidSettingException(DIR, String.format(Locale.ROOT, "dir contains the control"
                        + " character U+%04X at position %d, which %s: %s", (int) c, i + 1,
                        c == 0 ? "no file name can hold" : "makes a name nobody can type", example));
            }
        }
        try {
            var unused = Path.of(dir.trim()); // parsed only to have the platform reject what it cannot name
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(DIR, "dir is not a path this machine accepts (" + e.getReason()
                    + "): " + example);
        }
    }

    private static SyncPolicy parseSync(String text) {
        if (text == null) {
            return SyncPolicy.BATCH;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none":
                return SyncPolicy.NONE;
            case "batch":
                return SyncPolicy.BATCH;
            case "every":
                return SyncPolicy.EVERY;
            default:
                throw new InvalidSettingException(SYNC, "sync must be none, batch or every, got '" + text
                        + "': write for example 'sync: batch'");
        }
    }

    private static long parseSize(String text) {
        if (text == null) {
            return DEFAULT_MAX_VALUE;
        }
        try {
            return Units.parseSizeBytes(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(MAX_VALUE, "maxValue: " + e.getMessage());
        }
    }

    private static long parseLong(Map<String, String> settings, String key, long fallback) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, key + " must be a whole number, got '" + text
                    + "': write for example '" + key + ": " + fallback + "'");
        }
    }

    private static void check(String key, long value, long min, long max, String example) {
        if (value < min || value > max) {
            throw new InvalidSettingException(key, key + " must be between " + min + " and " + max + ", got "
                    + value + ": write for example '" + key + ": " + example + "'");
        }
    }
}
