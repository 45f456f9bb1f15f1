package io.regzoo.cli;

import io.regzoo.experiment.RunListener;
import io.regzoo.experiment.TrialResult;
import io.regzoo.train.EpochMetrics;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of an experiment run on the console, shared by {@code compare} and {@code demo}: a
 * progress bar over all epochs of the trials to run (advanced per minibatch, with elapsed time and
 * ETA, and the current trial's epoch, loss and accuracy), plus one line per finished trial. Without
 * a console the bar is left out; {@code epochLines} then prints one line per epoch instead.
 */
final class Progress implements RunListener {
    /** Bar units per epoch, so that the bar advances within an epoch. */
    private static final long UNITS = 1000;

    private final boolean quiet;
    private final boolean useBar;
    private final boolean epochLines;
    private final PrintStream out;
    private ProgressBar bar;
    private int epochs;
    private int index;
    private String status = "";

    /**
     * @param quiet no bar and no per-trial lines
     * @param useBar draw the bar (only sensible on a console)
     * @param epochLines without a bar, print one line per epoch
     * @param out where lines go
     */
    Progress(boolean quiet, boolean useBar, boolean epochLines, PrintStream out) {
        this.quiet = quiet;
        this.useBar = useBar && !quiet;
        this.epochLines = epochLines && !quiet && !this.useBar;
        this.out = out;
    }

    /**
     * The progress of {@code compare}: bar on a console, per-trial lines.
     *
     * @param quiet no bar and no per-trial lines
     * @param useBar draw the bar
     */
    Progress(boolean quiet, boolean useBar) {
        this(quiet, useBar, false, System.out);
    }

    @Override
    public void onStart(int total, int alreadyDone) {
        if (!quiet && alreadyDone > 0) {
            out.println("resuming: " + alreadyDone + " of " + total + " trials already recorded (results.jsonl)");
        }
    }

    @Override
    public void onTrialStart(String trialId, int index, int toRun, int epochBudget) {
        this.epochs = epochBudget;
        this.index = index;
        status = String.format(Locale.ROOT, "[%d/%d] %s", index, toRun, trialId);
        if (useBar) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("training").setInitialMax((long) toRun * epochBudget * UNITS)
                        .setUnit(" epochs", UNITS).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .build();
            }
            bar.stepTo((long) (index - 1) * epochBudget * UNITS);
            bar.setExtraMessage(status);
        }
    }

    @Override
    public void onIteration(String trialId, int epoch, int iteration, int iterationsPerEpoch, double score) {
        if (bar != null && iterationsPerEpoch > 0) {
            long done = ((long) (index - 1) * epochs + (epoch - 1)) * UNITS + iteration * UNITS / iterationsPerEpoch;
            bar.stepTo(Math.min(done, bar.getMax()));
        }
    }

    @Override
    public void onEpoch(String trialId, EpochMetrics m) {
        String acc = Double.isNaN(m.valAccuracy()) ? "" : String.format(Locale.ROOT, " val acc %.1f%%", 100 * m.valAccuracy());
        String line = String.format(Locale.ROOT, "%s ep %d/%d loss %.4f val %.4f%s", trialId, m.epoch(), epochs,
                m.trainLoss(), m.valLoss(), acc);
        if (bar != null) {
            bar.stepTo(((long) (index - 1) * epochs + m.epoch()) * UNITS);
            bar.setExtraMessage(line);
        } else if (epochLines) {
            out.println("  " + line + String.format(Locale.ROOT, "  (%.1fs)", m.seconds()));
        }
    }

    @Override
    public void onTrialEnd(TrialResult result, int index, int toRun) {
        if (bar != null) {
            bar.stepTo((long) index * epochs * UNITS);
        }
        if (!quiet) {
            out.println(String.format(Locale.ROOT, "[%d/%d] ", index, toRun) + CompareCommand.describe(result));
        }
    }

    /** Closes the bar (prints its final state). */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
