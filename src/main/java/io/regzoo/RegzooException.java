package io.regzoo;

/**
 * An error caused by the user's input or environment (a bad configuration value, a missing or
 * corrupt data file, an unknown model name), as opposed to a bug. Its message is one line that
 * names the culprit (the field, file or value) and, where there is one, the fix. The command line
 * prints the message without a stack trace and exits with status 2.
 */
public class RegzooException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the culprit and, where possible, the fix
     */
    public RegzooException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message one line naming the culprit and, where possible, the fix
     * @param cause the underlying exception
     */
    public RegzooException(String message, Throwable cause) {
        super(message, cause);
    }
}
