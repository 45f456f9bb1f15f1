package io.regzoo.report;

import io.regzoo.experiment.TrialResult;
import java.util.ArrayList;
import java.util.List;

/** {@code results.csv}: one row per trial, flat columns, RFC 4180 quoting, empty cell for NaN. */
final class CsvWriter {
    private CsvWriter() {}

    static final List<String> COLUMNS = List.of("trialId", "model", "variant", "trainSize", "seed", "status", "stopReason",
            "epochsRun", "bestEpoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "accuracyGap",
            "lossGap", "weightNorm", "nearZeroFraction", "seconds", "regularization", "message");

    static String render(List<TrialResult> trials) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", COLUMNS)).append("\r\n");
        for (TrialResult t : trials) {
            List<String> r = new ArrayList<>();
            r.add(t.trialId());
            r.add(t.model());
            r.add(t.variant());
            r.add(t.trainSize() == null ? "" : Integer.toString(t.trainSize()));
            r.add(Long.toString(t.seed()));
            r.add(t.status().label());
            r.add(t.stopReason() == null ? "" : t.stopReason().name());
            r.add(Integer.toString(t.epochsRun()));
            r.add(Integer.toString(t.bestEpoch()));
            r.add(num(t.trainLoss()));
            r.add(num(t.trainAccuracy()));
            r.add(num(t.testLoss()));
            r.add(num(t.testAccuracy()));
            r.add(num(t.accuracyGap()));
            r.add(num(t.lossGap()));
            r.add(num(t.weightNorm()));
            r.add(num(t.nearZeroFraction()));
            r.add(num(t.seconds()));
            r.add(ModelStats.regularizationOf(List.of(t)));
            r.add(t.message());
            b.append(String.join(",", r.stream().map(CsvWriter::quote).toList())).append("\r\n");
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
