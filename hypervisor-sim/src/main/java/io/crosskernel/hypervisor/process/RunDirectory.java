package io.crosskernel.hypervisor.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agrona.IoUtil;

/**
 * The directory of one run's shared memory: a mapped file per cross-process channel and the counters file, under
 * {@code host.runDir} (default {@code /dev/shm}) as {@code crosskernel-<host pid>-<n>}.
 *
 * <p>Lifecycle: the host {@linkplain #create creates} it before the kernels boot and {@linkplain #close closes} it in
 * the run's {@code finally}: every mapping this process made is unmapped and the directory is deleted. A JVM
 * shutdown hook deletes it too when the host exits without reaching the {@code finally} (a signal that ends the JVM,
 * {@code System.exit}); a host killed with SIGKILL leaves it behind, and the next run under the same parent deletes
 * every run directory whose host process is gone and says so ({@link #cleanedStale()}). A kernel process
 * {@linkplain #open opens} the directory its host created, checks its format, maps what it needs, and at its end only
 * unmaps.
 *
 * <p>Threading: one thread per process (the host thread, the kernel process's main thread).
 */
public final class RunDirectory implements AutoCloseable {
    /** The file that marks a run directory and names its format: a directory without it is not ours. */
    static final String MARKER = "crosskernel-run";
    static final String FORMAT = "crosskernel run directory, format 1";
    private static final Pattern NAME = Pattern.compile("crosskernel-(\\d+)-(\\d+)");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Room for the marker and the scenario beside the mapped files. */
    private static final long SLACK_BYTES = 1L << 20;

    private final Path dir;
    private final boolean owner;
    private final List<MappedByteBuffer> mappings = new ArrayList<>();
    private final List<String> cleanedStale;
    private final Thread deleteAtExit;
    private boolean closed;

    private RunDirectory(Path dir, boolean owner, List<String> cleanedStale) {
        this.dir = dir;
        this.owner = owner;
        this.cleanedStale = List.copyOf(cleanedStale);
        if (owner) {
            deleteAtExit = new Thread(() -> deleteQuietly(dir), "xk-run-dir-cleanup");
            Runtime.getRuntime().addShutdownHook(deleteAtExit);
        } else {
            deleteAtExit = null;
        }
    }

    /**
     * Host: makes a new run directory under {@code parent}, after deleting the run directories of hosts that are
     * gone.
     *
     * @param bytesNeeded what the run will map there; refused when the parent's file system has less free
     * @throws RunDirectoryException when {@code parent} is not a writable directory, has too little room, or the
     *     directory cannot be made
     */
    public static RunDirectory create(Path parent, long bytesNeeded) {
        if (!Files.isDirectory(parent)) {
            throw new RunDirectoryException("run directory parent " + parent + " does not exist or is not a"
                    + " directory");
        }
        if (!Files.isWritable(parent)) {
            throw new RunDirectoryException("run directory parent " + parent + " is not writable");
        }
        long needed = bytesNeeded + SLACK_BYTES;
        try {
            long usable = Files.getFileStore(parent).getUsableSpace();
            if (usable < needed) {
                throw new RunDirectoryException("run directory parent " + parent + " has " + usable
                        + " bytes free, the run's shared memory needs " + needed);
            }
        } catch (IOException e) {
            throw new RunDirectoryException("cannot read the free space of " + parent + ": " + e.getMessage());
        }
        List<String> cleaned = deleteStale(parent);
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path dir = parent.resolve("crosskernel-" + pid + "-" + SEQUENCE.incrementAndGet());
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw new RunDirectoryException("cannot create a run directory in " + parent + ": " + e);
            }
            RunDirectory created = new RunDirectory(dir, true, cleaned);
            try {
                Files.writeString(dir.resolve(MARKER), FORMAT + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                created.close();
                throw new RunDirectoryException("cannot write in run directory " + dir + ": " + e);
            }
            return created;
        }
        throw new RunDirectoryException("no free run directory name in " + parent);
    }

    /**
     * Kernel process: the run directory its host made.
     *
     * @throws RunDirectoryException when {@code dir} is not a run directory of this format
     */
    public static RunDirectory open(Path dir) {
        Path marker = dir.resolve(MARKER);
        String format;
        try {
            format = Files.readString(marker, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new RunDirectoryException(dir + " is not a crosskernel run directory (no readable " + MARKER
                    + " file)");
        }
        if (!format.equals(FORMAT)) {
            throw new RunDirectoryException(dir + " is a run directory of another version ('" + format
                    + "', this build reads '" + FORMAT + "')");
        }
        return new RunDirectory(dir, false, List.of());
    }

    /** The directory itself. */
    public Path path() {
        return dir;
    }

    /** The run directories of hosts that were gone, deleted when this one was created. */
    public List<String> cleanedStale() {
        return cleanedStale;
    }

    /** Host: a new file of {@code bytes} zeros, mapped read-write; unmapped by {@link #close()}. */
    public MappedByteBuffer mapNew(String name, long bytes) {
        MappedByteBuffer buffer = IoUtil.mapNewFile(dir.resolve(name).toFile(), bytes, true);
        mappings.add(buffer);
        return buffer;
    }

    /** Kernel process: an existing file of the run, mapped read-write; unmapped by {@link #close()}. */
    public MappedByteBuffer mapExisting(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new RunDirectoryException("run directory " + dir + " has no " + name);
        }
        MappedByteBuffer buffer = IoUtil.mapExistingFile(file.toFile(), name);
        mappings.add(buffer);
        return buffer;
    }

    /** Host: writes a small text file of the run (the scenario the kernel processes read). */
    public Path writeText(String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Unmaps every mapping this process made and, in the host, deletes the directory. Call only once no thread of
     * this process uses the mappings (the workers joined); idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MappedByteBuffer buffer : mappings) {
            IoUtil.unmap(buffer);
        }
        mappings.clear();
        if (owner) {
            deleteQuietly(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(deleteAtExit);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs (or ran) and deletes nothing more.
            }
        }
    }

    /** Deletes run directories under {@code parent} whose host process no longer exists; returns their names. */
    static List<String> deleteStale(Path parent) {
        List<String> cleaned = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "crosskernel-*")) {
            for (Path entry : entries) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry.resolve(MARKER))
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    deleteQuietly(entry);
                    if (!Files.exists(entry)) {
                        cleaned.add(entry.toString());
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Cleaning up after others is a courtesy: a directory we cannot list or delete is left alone.
        }
        return cleaned;
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for the next run's stale clean-up, which reports what it deletes.
        }
    }
}
