package io.crosskernel.cli.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong with a file, in the plain words the operating system uses ({@code no space left on device},
 * {@code read-only file system}, {@code permission denied}), never a Java exception's class name: the JDK reports the
 * same errno as different exception types with or without a reason, and users read the reason.
 *
 * <p>Stateless.
 */
public final class IoProblem {
    /** Anything that looks like a class name ({@code java.io.IOException}, {@code NoSuchFileException}). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*|\\b\\w*Exception\\b"
            + "|\\b\\w*Error\\b");
    /** {@code FileNotFoundException} puts the reason in parentheses after the path: {@code /x (Is a directory)}. */
    private static final Pattern PARENTHESISED_REASON = Pattern.compile("\\(([^()]*)\\)\\s*$");
    private static final String FALLBACK = "input/output error";
    /** The reason the operating system gave, for the exceptions the JDK throws without one. */
    private static final Map<Class<? extends FileSystemException>, String> REASON_BY_TYPE = Map.of(
            NoSuchFileException.class, "no such file or directory",
            AccessDeniedException.class, "permission denied",
            FileAlreadyExistsException.class, "the file already exists",
            NotDirectoryException.class, "not a directory",
            DirectoryNotEmptyException.class, "the directory is not empty",
            AtomicMoveNotSupportedException.class, "the file system cannot rename a file atomically",
            FileSystemLoopException.class, "too many levels of symbolic links");

    private IoProblem() {
    }

    /** The reason alone, lower case, without the path: {@code no space left on device}. */
    public static String reason(Throwable failure) {
        Throwable e = failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause()
                : failure;
        String reason;
        if (e instanceof FileSystemException fs) {
            reason = fs.getReason() != null ? fs.getReason() : byType(fs);
        } else if (e instanceof FileNotFoundException) {
            Matcher m = PARENTHESISED_REASON.matcher(String.valueOf(e.getMessage()));
            reason = m.find() ? m.group(1) : "no such file or directory";
        } else {
            reason = e.getMessage();
        }
        return plain(reason);
    }

    /**
     * A whole sentence for an I/O failure that reached the top of a command: the message its thrower wrote (when it
     * wrote one) or the file it concerns, then the reason: {@code cannot create journal directory /j: permission
     * denied}.
     */
    public static String sentence(Throwable failure) {
        if (failure instanceof UncheckedIOException && failure.getCause() != null) {
            String message = failure.getMessage();
            boolean own = message != null && !message.equals(failure.getCause().toString());
            return own ? plainOrEmpty(message) + ": " + reason(failure.getCause()) : sentence(failure.getCause());
        }
        if (failure instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + reason(fs);
        }
        return reason(failure);
    }

    private static String byType(FileSystemException e) {
        for (Map.Entry<Class<? extends FileSystemException>, String> reason : REASON_BY_TYPE.entrySet()) {
            if (reason.getKey().isInstance(e)) {
                return reason.getValue();
            }
        }
        return FALLBACK;
    }

    /** The operating system's text, first letter lower case; a class name or nothing becomes a generic reason. */
    private static String plain(String reason) {
        if (reason == null || reason.isBlank() || CLASS_NAME.matcher(reason).find()) {
            return FALLBACK;
        }
        String text = reason.strip();
        boolean acronym = text.length() > 1 && Character.isUpperCase(text.charAt(1));
        return acronym ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    private static String plainOrEmpty(String message) {
        return CLASS_NAME.matcher(message).find() ? FALLBACK : message;
    }
}
