package io.regzoo.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The early stopping a trial recorded (its provenance's {@code earlyStopping}, the text of
 * {@code EarlyStopping.toString()}) in the words of the report's regularization column.
 */
final class EarlyStoppingText {

    private static final Pattern FIELDS = Pattern.compile("monitor=([^,)]+), patience=(\\d+), min_delta=([^,)]+), "
            + "restore_best_weights=(true|false)");

    private EarlyStoppingText() {}

    /**
     * The column text, e.g. {@code early stopping (val_loss, patience 2, best weights)}.
     *
     * @param recorded the recorded text, {@code none} or {@code null}
     * @return the text, or {@code null} when there was no early stopping
     */
    static String of(String recorded) {
        if (recorded == null || recorded.isBlank() || recorded.equals("none")) {
            return null;
        }
        Matcher m = FIELDS.matcher(recorded);
        if (!m.find()) {
            return "early stopping (" + recorded + ")";
        }
        double minDelta;
        try {
            minDelta = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            return "early stopping (" + recorded + ")";
        }
        return "early stopping (" + m.group(1) + ", patience " + m.group(2)
                + (minDelta != 0 ? ", min_delta " + new java.math.BigDecimal(m.group(3)).stripTrailingZeros()
                        .toPlainString() : "")
                + (Boolean.parseBoolean(m.group(4)) ? ", best weights" : "") + ")";
    }
}
