package io.regzoo.cli;

import io.regzoo.experiment.RunListener;
import io.regzoo.experiment.TrialResult;
import io.regzoo.train.EpochMetrics;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of an experiment run on the console, drawn by {@link RunConsole} for {@code compare} and {@code demo}: a
 * progress bar over all epochs of the trials to run (advanced per minibatch, with elapsed time and
 * ETA, and the current trial's epoch, loss and accuracy; the bar draws on the terminal's standard error),
 * plus one line per finished trial. Without
 * a console the bar is left out; {@code epochLines} then prints one line per epoch instead. With
 * trials running in parallel the bar sums the progress of every trial in flight. The methods are
 * synchronized: parallel runs call them from several threads.
 */
final class Progress implements RunListener {
    /** Bar units per epoch, so that the bar advances within an epoch. */
    private static final long UNITS = 1000;

    private final boolean quiet;
    private final boolean useBar;
    private final boolean epochLines;
    private final PrintWriter out;
    private ProgressBar bar;
    private int epochs;
    private long finishedUnits;
    /** Units done by each trial in flight (several when trials run in parallel). */
    private final Map<String, Long> inFlight = new LinkedHashMap<>();
    private final Map<String, String> lastLine = new LinkedHashMap<>();

    /**
     * @param quiet no bar and no per-trial lines
     * @param useBar draw the bar (only sensible on a console)
     * @param epochLines without a bar, print one line per epoch
     * @param out where lines go
     */
    Progress(boolean quiet, boolean useBar, boolean epochLines, PrintWriter out) {
        this.quiet = quiet;
        this.useBar = useBar && !quiet;
        this.epochLines = epochLines && !quiet && !this.useBar;
        this.out = out;
    }

    @Override
    public void onStart(int total, int alreadyDone) {
        if (!quiet && alreadyDone > 0) {
            out.println("resuming: " + alreadyDone + " of " + total + " trials already recorded (results.jsonl)");
        }
    }

    @Override
    public synchronized void onTrialStart(String trialId, int index, int toRun, int epochBudget) {
        this.epochs = epochBudget;
        inFlight.put(trialId, 0L);
        lastLine.put(trialId, String.format(Locale.ROOT, "[%d/%d] %s", index, toRun, trialId));
        if (useBar) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("training").setInitialMax((long) toRun * epochBudget * UNITS)
                        .setUnit(" epochs", UNITS).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .build();
            }
            redraw(trialId);
        }
    }

    @Override
    public synchronized void onIteration(String trialId, int epoch, int iteration, int iterationsPerEpoch, double score) {
        if (bar != null && iterationsPerEpoch > 0 && inFlight.containsKey(trialId)) {
            inFlight.put(trialId, (epoch - 1) * UNITS + iteration * UNITS / iterationsPerEpoch);
            redraw(trialId);
        }
    }

    @Override
    public synchronized void onEpoch(String trialId, EpochMetrics m) {
        String acc = Double.isNaN(m.valAccuracy()) ? "" : String.format(Locale.ROOT, " val acc %.1f%%", 100 * m.valAccuracy());
        String line = String.format(Locale.ROOT, "%s ep %d/%d loss %.4f val %.4f%s", trialId, m.epoch(), epochs,
                m.trainLoss(), m.valLoss(), acc);
        if (bar != null) {
            inFlight.put(trialId, m.epoch() * UNITS);
            lastLine.put(trialId, line);
            redraw(trialId);
        } else if (epochLines) {
            out.println("  " + line + "  (" + CompareCommand.seconds(m.seconds()) + ")");
        }
    }

    @Override
    public synchronized void onTrialEnd(TrialResult result, int index, int toRun) {
        inFlight.remove(result.trialId());
        lastLine.remove(result.trialId());
        finishedUnits += (long) epochs * UNITS;
        if (bar != null) {
            bar.stepTo(Math.min(finishedUnits, bar.getMax()));
        }
        if (!quiet) {
            out.println(String.format(Locale.ROOT, "[%d/%d] ", index, toRun) + CompareCommand.describe(result));
        }
    }

    /** Moves the bar to the finished trials plus the progress of those in flight; shows {@code trialId}'s line. */
    private void redraw(String trialId) {
        long done = finishedUnits;
        for (long u : inFlight.values()) {
            done += u;
        }
        bar.stepTo(Math.min(done, bar.getMax()));
        String line = lastLine.getOrDefault(trialId, trialId);
        bar.setExtraMessage(inFlight.size() > 1 ? inFlight.size() + " running; " + line : line);
    }

    /** Closes the bar (prints its final state). */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
