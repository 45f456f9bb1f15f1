package io.regzoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A failure of the machine regzoo runs on rather than of the user's input or of regzoo itself: a
 * file that cannot be written (disk full, permission denied, read-only file system), memory that runs
 * out, a native library that cannot be loaded. Its message is one line naming the path or resource,
 * the reason the operating system gave, and what to do. The command line prints it without a stack
 * trace and exits with status 1 (a plain {@link RegzooException}, a user mistake, exits with 2).
 *
 * <p>{@link #describe(Throwable)} turns such a failure that arrives as a JDK exception or error
 * ({@link IOException}, {@link UncheckedIOException}, {@link OutOfMemoryError},
 * {@link UnsatisfiedLinkError}, also when wrapped) into the same one line.
 */
public class EnvironmentException extends RegzooException {
    private static final long serialVersionUID = 1L;

    /** How deep {@link #describe(Throwable)} follows a chain of causes. */
    private static final int MAX_DEPTH = 8;

    /**
     * Creates the exception.
     *
     * @param message one line naming the path or resource, the reason and what to do
     * @param cause the underlying exception or error, or null
     */
    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An exception for an I/O failure on a file: {@code cannot ACTION FILE: REASON; ADVICE}.
     *
     * @param action what was attempted, e.g. {@code write} or {@code create the folder}
     * @param file the path, as the user knows it
     * @param cause the I/O failure
     * @return the exception, with {@code cause} as its cause
     */
    public static EnvironmentException io(String action, Object file, IOException cause) {
        String reason = reason(cause);
        return new EnvironmentException("cannot " + action + " " + file + ": " + reason + advice(reason), cause);
    }

    /**
     * The operating system's reason for an I/O failure, without the path: e.g.
     * {@code No space left on device}, {@code Permission denied}, {@code Read-only file system}.
     *
     * @param e the failure
     * @return the reason, never null or blank
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null && !fse.getReason().isBlank()) {
                return fse.getReason();
            }
            if (fse instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (fse instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (fse instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (fse instanceof NotDirectoryException) {
                return "Not a directory";
            }
            if (fse instanceof DirectoryNotEmptyException) {
                return "Directory not empty";
            }
            return fse.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** What to do about a reason, as {@code "; ADVICE"}, or empty. */
    private static String advice(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("no space left") || r.contains("quota")) {
            return "; free space on that disk or write to another folder";
        }
        if (r.contains("permission denied") || r.contains("operation not permitted")) {
            return "; check the folder's permissions or write to another folder";
        }
        if (r.contains("read-only file system")) {
            return "; write to a folder on a writable file system";
        }
        if (r.contains("no such file")) {
            return "; check the path";
        }
        return "";
    }

    /**
     * The one line for an environment failure, if {@code t} is one: an {@link EnvironmentException}
     * (its message); an {@link IOException} or {@link UncheckedIOException} (its path and the operating
     * system's reason, with the wrapping message for context); an {@link OutOfMemoryError} (with how to
     * give the JVM more memory); an {@link UnsatisfiedLinkError} (the native library and how to get
     * it). Causes are followed, so a library's {@code RuntimeException} around an {@code IOException}
     * or an {@code ExceptionInInitializerError} around an {@code UnsatisfiedLinkError} count too.
     *
     * @param t the throwable that reached the top
     * @return the line, or empty when {@code t} is not an environment failure (a bug keeps its trace)
     */
    public static Optional<String> describe(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String context = null;
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_DEPTH && seen.put(c, Boolean.TRUE) == null; depth++) {
            if (c instanceof EnvironmentException) {
                return Optional.of(c.getMessage());
            }
            if (c instanceof UncheckedIOException u && u.getCause() != null) {
                return Optional.of(ioLine(u.getMessage(), u.getCause()));
            }
            if (c instanceof IOException io) {
                return Optional.of(ioLine(context, io));
            }
            if (c instanceof OutOfMemoryError oom) {
                return Optional.of("out of memory (" + oom.getMessage() + "); give the JVM more, e.g. "
                        + "REGZOO_JAVA_OPTS='-Xmx8g -Dorg.bytedeco.javacpp.maxbytes=10G' ./regzoo ..., "
                        + "or train with a smaller batch size or fewer parallel trials");
            }
            if (c instanceof UnsatisfiedLinkError ule) {
                return Optional.of("a native library cannot be loaded (" + ule.getMessage() + "); the ND4J natives "
                        + "for this platform are missing or do not fit this machine: rebuild with "
                        + "'mvn -B package -DskipTests' (the pom sets -Djavacpp.platform) and check that the "
                        + "nd4j-native jars are in ~/.m2");
            }
            if (c instanceof RegzooException) {
                return Optional.empty(); // a user mistake with its own line, or wrapped on purpose
            }
            if (context == null && c.getMessage() != null && !c.getMessage().isBlank()
                    && c.getCause() != null && !c.getMessage().equals(String.valueOf(c.getCause()))) {
                context = c.getMessage();
            }
            c = c.getCause();
        }
        return Optional.empty();
    }

    /** {@code CONTEXT: FILE: REASON; ADVICE}, leaving out what the context already says. */
    private static String ioLine(String context, IOException io) {
        String reason = reason(io);
        StringBuilder line = new StringBuilder();
        if (context != null && !context.isBlank()) {
            line.append(context.strip());
        }
        if (io instanceof FileSystemException fse && fse.getFile() != null && !contains(line, fse.getFile())) {
            line.append(line.length() > 0 ? ": " : "cannot access ").append(fse.getFile());
            if (fse.getOtherFile() != null) {
                line.append(" -> ").append(fse.getOtherFile());
            }
        }
        if (!contains(line, reason)) {
            line.append(line.length() > 0 ? ": " : "").append(reason);
        }
        return line + advice(reason);
    }

    private static boolean contains(CharSequence line, String part) {
        return line.toString().contains(part);
    }
}
