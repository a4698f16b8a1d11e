package io.crosskernel.cli.output;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the target's directory, is forced to
 * the device, and is renamed over the target ({@code rename(2)}, atomic within one file system); the directory is
 * then forced so the rename itself survives a crash. A reader sees the old file or the new one, never a part, and a
 * failure (a full disk, a read-only file system) leaves the target as it was and no temporary file behind. Missing
 * parent directories are created. A target that is a symbolic link to a file is written through: the link stays and
 * its target is replaced.
 *
 * <p>Every report {@code xk} writes goes through here. Stateless; any thread, but two writers of one target at once
 * race (the last rename wins; each file is still whole).
 */
public final class AtomicFile {
    /** Writes the content to a stream; it must not close it (closing is harmless: only a flush). */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content into the (existing, empty) file at {@code temporary}, for APIs that only take a path. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path temporary) throws IOException;
    }

    private static final String NO_SPACE = "no space left on device";

    private AtomicFile() {
    }

    /**
     * Writes {@code text} as UTF-8.
     *
     * @param what what the file is, for the message: {@code the HTML report}
     * @throws OutputFailedException naming {@code what} and the file and saying why, in plain words
     */
    public static void writeString(String what, Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(what, target, out -> out.write(bytes));
    }

    /** Writes what {@code content} streams; see {@link #writeString}. */
    public static void write(String what, Path target, StreamContent content) {
        writeFile(what, target, temporary -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 64 * 1024)) {
                content.writeTo(new FlushOnClose(out));
            }
        });
    }

    /** Lets {@code content} write the temporary file by its path, then forces and renames it; see {@link #writeString}. */
    public static void writeFile(String what, Path target, FileContent content) {
        Path destination = destination(target);
        Path directory = destination.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = createTemporary(directory, destination.getFileName().toString());
            content.writeTo(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            forceDirectory(directory);
        } catch (IOException | RuntimeException e) {
            throw new OutputFailedException("cannot write " + what + " " + target + ": " + reason(e, directory), e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    /**
     * Why the write failed. Some writers hide the operating system's reason (JFR's dump answers any failure with
     * "unexpected error during I/O operation"), so when a failure without the operating system's reason meets a file
     * system with no space left (the temporary file still holding what was written), that is the reason given.
     */
    private static String reason(Exception failure, Path directory) {
        String reason = IoProblem.reason(failure);
        if (reason.equals(NO_SPACE) || failure instanceof java.nio.file.FileSystemException) {
            return reason; // the operating system's own reason
        }
        try {
            return Files.getFileStore(directory).getUsableSpace() == 0 ? NO_SPACE : reason;
        } catch (IOException | RuntimeException e) {
            return reason;
        }
    }

    /**
     * The file a write to {@code target} replaces: the absolute target, or the file a symbolic link at the target
     * points to (so {@link OutputPreflight} checks the directory the write will really happen in).
     */
    static Path destination(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(absolute)) {
            try {
                return absolute.toRealPath();
            } catch (IOException dangling) {
                return absolute; // a link to nothing: replace the link itself
            }
        }
        return absolute;
    }

    /**
     * A new, empty file next to the target, with the permissions a plain new file gets (not the 0600 of
     * {@link Files#createTempFile}: the report must end up as readable as if written in place). Hidden, and named
     * after the target, so that one left by a killed process says what it was.
     */
    private static Path createTemporary(Path directory, String name) throws IOException {
        String stem = name.length() > 100 ? name.substring(0, 100) : name;
        while (true) {
            Path candidate = directory.resolve("." + stem + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong() & 0xffff_ffffL) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another writer's temporary file: draw another name
            }
        }
    }

    /** Makes the rename durable; some file systems cannot force a directory, and then the rename is all we have. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported here: the file itself was forced before the rename
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the write already failed and says so; a leftover hidden .tmp file is the lesser problem
        }
    }

    /** Hands writes straight through, and turns {@code close()} into a flush, so content cannot close our stream. */
    private static final class FlushOnClose extends FilterOutputStream {
        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
