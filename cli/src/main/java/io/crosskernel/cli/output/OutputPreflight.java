package io.crosskernel.cli.output;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks every path a command will write before the command does anything, so that a run never spends its time
 * only to fail on its last step. For each output:
 * <ul>
 *   <li>a file must not be a directory, nor something other than a regular file (a device, a pipe: it would be
 *       renamed over), nor an existing file that is not writable; a directory must not be a file;</li>
 *   <li>the directory it goes into, or the nearest of its ancestors that exists (missing ones are created when the
 *       output is written), must be a directory in which a file can really be created: a probe file is created and
 *       deleted there, which catches read-only mounts, {@code /proc} and permissions that {@code root} would
 *       otherwise be told it has;</li>
 * </ul>
 * and across outputs: no two name the same file or directory, none names an input of the command (the scenario),
 * and no directory written while the command runs (a journal, a storage log) lies inside another.
 *
 * <p>The first problem found is thrown as one line naming the option and the path. Used by every command that
 * writes files. Stateless; nothing is left behind (the probe file is deleted; no directory is created).
 */
public final class OutputPreflight {
    /** Pseudo file systems that hold no files: creating one fails with a reason that would only confuse. */
    private static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("proc", "sysfs", "cgroup", "cgroup2", "debugfs",
            "securityfs", "tracefs", "configfs", "pstore", "bpf", "efivarfs");

    private OutputPreflight() {
    }

    /**
     * @param outputs what the command will write
     * @param inputs  files the command reads, which no output may overwrite, with how to name them
     * @throws OutputPathException on the first unusable path
     */
    public static void check(List<PlannedOutput> outputs, List<NamedInput> inputs) {
        for (PlannedOutput output : outputs) {
            checkPath(output);
        }
        for (int i = 0; i < outputs.size(); i++) {
            PlannedOutput a = outputs.get(i);
            for (NamedInput input : inputs) {
                if (same(a.absolute(), input.path().toAbsolutePath().normalize())) {
                    throw new OutputPathException(a.named() + ": is " + input.what() + "; give another name");
                }
            }
            for (int j = i + 1; j < outputs.size(); j++) {
                checkApart(a, outputs.get(j));
            }
        }
    }

    /** A file a command reads, which it must not overwrite: {@code the scenario file}. */
    public record NamedInput(String what, Path path) {
    }

    private static void checkPath(PlannedOutput output) {
        // A file is written where a symbolic link at its path points: check that place.
        Path path = output.directory() ? output.absolute() : AtomicFile.destination(output.path());
        if (output.directory()) {
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new OutputPathException(output.named() + ": is a file, not a directory; give a directory "
                        + "(it is created when missing)");
            }
        } else if (Files.isDirectory(path)) {
            throw new OutputPathException(output.named() + ": is a directory; give a file name, for example "
                    + output.path().resolve(output.suggestedName() == null ? "out" : output.suggestedName()));
        } else if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new OutputPathException(output.named() + ": is not a regular file (a device, pipe or socket); "
                    + "give a file name: the file is written beside it and renamed into place");
        }
        Path directory = Files.isDirectory(path) ? path : existingAncestor(output, path.getParent());
        probe(output, directory);
        // After the probe, so that a file on a read-only mount is said to be on one.
        if (!output.directory() && Files.exists(path) && !Files.isWritable(path)) {
            throw new OutputPathException(output.named() + ": the file exists and is not writable; give another "
                    + "name or make it writable");
        }
    }

    /** The nearest ancestor that exists; it must be a directory for anything to be created under it. */
    private static Path existingAncestor(PlannedOutput output, Path start) {
        Path candidate = start;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        if (candidate == null) {
            throw new OutputPathException(output.named() + ": no part of the path exists, not even its root");
        }
        if (!Files.isDirectory(candidate)) {
            throw new OutputPathException(output.named() + ": " + candidate + " is a file, not a directory, so "
                    + "nothing can be created under it");
        }
        return candidate;
    }

    /** Creates and deletes a file in {@code directory}: the only test that root, read-only mounts and /proc answer truly. */
    private static void probe(PlannedOutput output, Path directory) {
        Path probe = directory.resolve(".xk-write-check-" + Long.toHexString(ThreadLocalRandom.current().nextLong()
                & 0xffff_ffffL) + ".tmp");
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            String pseudo = pseudoFileSystem(directory);
            String why = pseudo != null ? "it is on the kernel's " + pseudo + " file system, which holds no files"
                    : IoProblem.reason(e);
            throw new OutputPathException(output.named() + ": cannot create files in " + directory + " (" + why
                    + ")");
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            throw new OutputPathException(output.named() + ": cannot delete a file created in " + directory + " ("
                    + IoProblem.reason(e) + "), so a report could not be renamed into place there");
        }
    }

    private static String pseudoFileSystem(Path directory) {
        try {
            FileStore store = Files.getFileStore(directory);
            return PSEUDO_FILE_SYSTEMS.contains(store.type()) ? store.type() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Two outputs must not be the same path, and a directory written during the run must not hold another output. */
    private static void checkApart(PlannedOutput a, PlannedOutput b) {
        Path pa = a.absolute();
        Path pb = b.absolute();
        if (same(pa, pb)) {
            throw new OutputPathException(a.named() + ": " + b.label() + " names the same "
                    + (a.directory() && b.directory() ? "directory" : "path") + "; give each its own");
        }
        if (a.durable() && a.directory() && pb.startsWith(pa)) {
            throw new OutputPathException(b.named() + ": is inside " + a.named() + ", which holds " + a.what()
                    + " only; give a path outside it");
        }
        if (b.durable() && b.directory() && pa.startsWith(pb)) {
            throw new OutputPathException(a.named() + ": is inside " + b.named() + ", which holds " + b.what()
                    + " only; give a path outside it");
        }
    }

    /** Equal paths, or two existing paths that are one file (links, bind mounts). */
    private static boolean same(Path a, Path b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
