package io.regzoo.cli;

import io.regzoo.experiment.RunListener;
import io.regzoo.experiment.TrialResult;
import io.regzoo.train.EpochMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a pruning sweep on the console: a bar over the fold-epochs the scheduler will train
 * (advanced per epoch of every unit in flight, with elapsed time and ETA; on a terminal only), plus
 * one line per recorded unit (setting, fold, rung, held-out score) unless quiet. The refit's trials
 * get one line each. Units train different numbers of epochs, so the bar counts epochs, not units.
 */
final class SweepProgress implements RunListener {
    private final boolean quiet;
    private final boolean useBar;
    private final PrintWriter out;
    private final java.util.function.Function<String, String> labels;
    private ProgressBar bar;
    private long epochs;

    /**
     * @param quiet no bar, no lines
     * @param useBar draw the bar
     * @param out where lines go
     * @param labels a unit's variant ({@code s03.f1.e9}) to a readable line prefix
     */
    SweepProgress(boolean quiet, boolean useBar, PrintWriter out, java.util.function.Function<String, String> labels) {
        this.quiet = quiet;
        this.useBar = useBar && !quiet;
        this.out = out;
        this.labels = labels;
    }

    /**
     * Starts the bar.
     *
     * @param totalEpochs fold-epochs the sweep trains in all (an estimate for asha)
     * @param doneEpochs fold-epochs already recorded (a resumed sweep)
     */
    synchronized void plan(long totalEpochs, long doneEpochs) {
        if (useBar && bar == null && totalEpochs > doneEpochs) {
            bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(totalEpochs).setUnit(" epochs", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
            bar.stepTo(doneEpochs);
            epochs = doneEpochs;
        }
    }

    @Override
    public void onStart(int total, int alreadyDone) {
        if (!quiet && alreadyDone > 0) {
            out.println("resuming: " + alreadyDone + " units already recorded (results.jsonl)");
        }
    }

    @Override
    public synchronized void onEpoch(String trialId, EpochMetrics m) {
        if (bar != null) {
            epochs++;
            bar.stepTo(Math.min(epochs, bar.getMax()));
            bar.setExtraMessage(trialId + " ep " + m.epoch());
        }
    }

    @Override
    public synchronized void onTrialEnd(TrialResult r, int index, int toRun) {
        if (quiet) {
            return;
        }
        String line;
        if (r.variant().matches("s\\d+\\.f\\d+\\.e\\d+")) {
            double score = Double.isNaN(r.testAccuracy()) ? r.testLoss() : r.testAccuracy();
            String what = Double.isNaN(r.testAccuracy()) ? "held-out loss %.4f" : "held-out acc %.2f%%";
            line = String.format(Locale.ROOT, "[%d/%d] %s " + what + " (%s)", index, toRun, labels.apply(r.variant()),
                    Double.isNaN(r.testAccuracy()) ? score : 100 * score, CompareCommand.seconds(r.seconds()))
                    + (r.status().name().equals("OK") ? "" : " " + r.status().name().toLowerCase(Locale.ROOT));
        } else {
            line = String.format(Locale.ROOT, "refit [%d/%d] ", index, toRun) + CompareCommand.describe(r);
        }
        if (bar != null) {
            bar.setExtraMessage(line);
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** Closes the bar. */
    synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
