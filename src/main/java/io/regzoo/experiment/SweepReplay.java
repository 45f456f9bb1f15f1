package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.sweep.Job;
import io.regzoo.sweep.ScoreBoard;
import io.regzoo.sweep.Scheduler;
import io.regzoo.sweep.Setting;
import io.regzoo.sweep.SweepConfig;
import io.regzoo.train.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scheduler would have done on a finished grid sweep, without training anything: the grid's
 * units record each fold's held-out score after every epoch ({@link TrialResult#history()}), and a
 * unit continued from its checkpoint trains exactly as one trained straight through (shown by
 * {@code SweepContinuationTest}), so a setting's score after {@code e} epochs is the same whether
 * ASHA stopped it there or not. The replay feeds those scores to the scheduler, one request of
 * {@code width} jobs at a time as {@link SweepRun} does with an executor of one worker per job, and
 * reports the epochs it spent and the setting it chose, against the grid's best and one standard
 * error of it. It tunes the tuner: which reduction factor and bottom rung would have found the grid's
 * choice, on this data, for what share of the grid's epochs.
 */
public final class SweepReplay {

    private static final Pattern UNIT = Pattern.compile("s(\\d+)\\.f(\\d+)\\.e(\\d+)");

    /**
     * A replay's result.
     *
     * @param scheduler the replayed scheduler's name and rungs, e.g. {@code asha rungs [1, 3, 9, 27] (eta 3)}
     * @param epochsSpent fold-epochs the scheduler would have trained
     * @param gridEpochs fold-epochs of the full grid
     * @param chosen the setting it would have chosen
     * @param chosenScore that setting's mean held-out score at the top rung (the grid's figure)
     * @param gridBest the grid's best setting at the top rung
     * @param gridBestScore its mean held-out score
     * @param standardError the standard error of the grid's best (fold SD / √k)
     * @param within whether the chosen setting's score is within one standard error of the grid's best
     */
    public record Result(String scheduler, long epochsSpent, long gridEpochs, Setting chosen, double chosenScore,
            Setting gridBest, double gridBestScore, double standardError, boolean within) {}

    private SweepReplay() {}

    /**
     * Replays a scheduler on a grid sweep's recorded curves.
     *
     * @param gridDir the grid sweep's output folder (its {@code results.jsonl})
     * @param config the sweep to replay: the same space and folds as the grid's, any scheduler, η and
     *     bottom rung, a top rung no higher than the grid's epochs
     * @param higherIsBetter true for accuracy (classifiers), false for loss
     * @param width jobs per request (the sweep's workers)
     * @param warnings where a damaged results line is reported
     * @return the result
     * @throws RegzooException when the folder holds no finished grid of this space and these folds
     */
    public static Result replay(Path gridDir, SweepConfig config, boolean higherIsBetter, int width,
            Consumer<String> warnings) {
        Path file = gridDir.resolve(ResultsStore.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new RegzooException("--replay: " + file + " does not exist; give the output folder of a finished "
                    + "grid sweep (--scheduler grid, or OUT/grid of --scheduler both)");
        }
        int n = config.space().size();
        int folds = config.folds();
        int top = config.maxEpochs();
        Map<Long, double[]> curves = new HashMap<>(); // (setting, fold) -> score after each epoch
        for (TrialResult r : ResultsStore.open(file, warnings).results()) {
            Matcher m = UNIT.matcher(r.variant());
            if (!m.matches() || r.status() != TrialStatus.OK) {
                continue;
            }
            int s = Integer.parseInt(m.group(1));
            int f = Integer.parseInt(m.group(2));
            if (s >= n || f >= folds) {
                continue;
            }
            List<EpochMetrics> h = r.history();
            double[] c = new double[h.size()];
            for (int e = 0; e < h.size(); e++) {
                c[e] = higherIsBetter ? h.get(e).valAccuracy() : h.get(e).valLoss();
            }
            curves.merge(key(s, f), c, (a, b) -> a.length >= b.length ? a : b);
        }
        ScoreBoard grid = new ScoreBoard(folds, higherIsBetter);
        for (int s = 0; s < n; s++) {
            for (int f = 0; f < folds; f++) {
                double[] c = curves.get(key(s, f));
                if (c == null || c.length < top) {
                    throw new RegzooException("--replay: setting s" + String.format("%02d", s) + " fold " + f
                            + " has " + (c == null ? "no" : c.length + " epochs of") + " held-out scores in " + file
                            + "; the replay needs a finished grid of the same space and folds with at least " + top
                            + " epochs");
                }
                grid.record(s, top, f, c[top - 1]);
            }
        }
        Scheduler sch = config.newScheduler();
        ScoreBoard b = new ScoreBoard(folds, higherIsBetter);
        long spent = 0;
        for (List<Job> jobs; !(jobs = sch.next(b, Math.max(1, width))).isEmpty();) {
            for (Job j : jobs) {
                spent += (long) folds * j.epochs();
                for (int f = 0; f < folds; f++) {
                    b.record(j.setting().index(), j.toEpochs(), f, curves.get(key(j.setting().index(), f))[j.toEpochs() - 1]);
                }
            }
        }
        Setting chosen = config.choose().choose(sch.finalists(b), b, top);
        List<Setting> all = config.space().settings();
        Setting best = all.get(0);
        for (Setting s : all) {
            if (grid.compare(s.index(), best.index(), top) < 0) {
                best = s;
            }
        }
        double se = grid.std(best.index(), top) / Math.sqrt(folds);
        double mine = grid.mean(chosen.index(), top);
        double bestScore = grid.mean(best.index(), top);
        boolean within = higherIsBetter ? mine >= bestScore - se : mine <= bestScore + se;
        String name = sch.name() + " rungs " + sch.rungs() + (sch.name().equals("grid") ? "" : " (eta " + config.eta() + ")");
        return new Result(name, spent, (long) folds * sch.gridEpochsPerFold(), chosen, mine, best, bestScore, se, within);
    }

    private static long key(int setting, int fold) {
        return ((long) setting << 20) | fold;
    }
}
