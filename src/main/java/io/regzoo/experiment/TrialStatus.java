package io.regzoo.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a trial ended. In {@code results.jsonl} a status is its lower-case name ({@code "ok"},
 * {@code "diverged"}, {@code "failed"}); reading accepts any case.
 */
public enum TrialStatus {
    /** Trained to the end of its budget or to early stopping; its scores are valid. */
    OK,
    /** Its loss became NaN or infinite; no scores. */
    DIVERGED,
    /** It threw (bad configuration, a crashed worker JVM, ...); no scores, a one-line message. */
    FAILED;

    /**
     * The name used in files and on screen.
     *
     * @return {@code ok}, {@code diverged} or {@code failed}
     */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a status in any case.
     *
     * @param text {@code ok}, {@code DIVERGED}, {@code Failed}, ...
     * @return the status
     * @throws IllegalArgumentException when {@code text} names no status
     */
    @JsonCreator
    public static TrialStatus parse(String text) {
        if (text != null) {
            for (TrialStatus s : values()) {
                if (s.name().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown trial status '" + text + "' (known: ok, diverged, failed)");
    }

    @Override
    public String toString() {
        return label();
    }
}
