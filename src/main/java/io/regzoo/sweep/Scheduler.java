package io.regzoo.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which settings train for how many epochs next, from the cross-validated scores recorded
 * so far ({@link ScoreBoard}). Deterministic: the same board gives the same jobs, so a resumed sweep
 * asks for what the killed one would have asked for.
 *
 * <ul>
 *   <li>{@link #grid(List, int)}: every setting trains the full {@code maxEpochs} (one rung).</li>
 *   <li>{@link #asha(List, int, int, int)}: asynchronous successive halving (Li et al., MLSys 2020).
 *       Rungs at {@code minEpochs·η^i} epochs, below {@code maxEpochs}, then {@code maxEpochs}. Asked
 *       for work, it first promotes: from the highest rung down, a setting among the best
 *       ⌊n/η⌋ of the n settings complete at that rung that has not yet gone on continues to the
 *       next rung, from its saved state; otherwise the next new setting starts at the bottom rung.
 *       When neither is possible (every setting started, nothing promotable) the best setting of the
 *       highest rung reached goes on, so that at least one setting gets {@code maxEpochs}.</li>
 * </ul>
 *
 * <p>Folds and ties: a setting's score at a rung is its mean over all k folds, known once every
 * fold is recorded (a job trains all folds of one setting); ranking is by that mean, ties go to the
 * setting listed first in the search space. A failed fold counts as the worst score.
 *
 * <p>Asynchrony: with child JVMs of its own the sweep runs one lane per worker, and a lane whose job
 * is recorded asks {@link #next(ScoreBoard, int, List)} for one more at once, telling it the jobs
 * other lanes are still running; that is ASHA as published. Otherwise (one worker, or an executor
 * such as Spark's) it asks for up to {@code n} jobs at a time ({@code n} = the number of workers)
 * and asks again when they are recorded: with one worker this is ASHA exactly, with more the jobs of
 * one request are decided together.
 */
public final class Scheduler {

    /** The scheduler names of {@code --scheduler}. */
    public static final List<String> NAMES = List.of("grid", "asha");

    private final String name;
    private final List<Setting> settings;
    private final List<Integer> rungs;
    private final int eta;

    private Scheduler(String name, List<Setting> settings, List<Integer> rungs, int eta) {
        this.name = name;
        this.settings = List.copyOf(settings);
        this.rungs = List.copyOf(rungs);
        this.eta = eta;
    }

    /**
     * Every setting for the full budget.
     *
     * @param settings the settings
     * @param maxEpochs epochs per setting
     * @return the scheduler
     */
    public static Scheduler grid(List<Setting> settings, int maxEpochs) {
        return new Scheduler("grid", settings, List.of(maxEpochs), 0);
    }

    /**
     * Asynchronous successive halving.
     *
     * @param settings the settings
     * @param eta reduction factor, ≥ 2
     * @param minEpochs epochs of the bottom rung, ≥ 1
     * @param maxEpochs epochs of the top rung, ≥ minEpochs
     * @return the scheduler
     * @throws IllegalArgumentException when the numbers are out of range
     */
    public static Scheduler asha(List<Setting> settings, int eta, int minEpochs, int maxEpochs) {
        if (eta < 2 || minEpochs < 1 || minEpochs > maxEpochs) {
            throw new IllegalArgumentException("need eta >= 2 and 1 <= minEpochs <= maxEpochs");
        }
        return new Scheduler("asha", settings, rungs(eta, minEpochs, maxEpochs), eta);
    }

    /**
     * The rungs of successive halving.
     *
     * @param eta reduction factor
     * @param minEpochs bottom rung
     * @param maxEpochs top rung
     * @return {@code min, min·η, min·η², …} below {@code max}, then {@code max}
     */
    public static List<Integer> rungs(int eta, int minEpochs, int maxEpochs) {
        List<Integer> r = new ArrayList<>();
        for (long e = minEpochs; e < maxEpochs; e *= eta) {
            r.add((int) e);
        }
        r.add(maxEpochs);
        return r;
    }

    /** @return {@code grid} or {@code asha} */
    public String name() {
        return name;
    }

    /** @return the epoch counts at which settings are scored, increasing */
    public List<Integer> rungs() {
        return rungs;
    }

    /** @return the settings */
    public List<Setting> settings() {
        return settings;
    }

    /**
     * The next jobs. Jobs left half-done (some folds recorded, e.g. by a killed run) come first.
     *
     * @param board what is recorded
     * @param max how many jobs to ask for at most (≥ 1; the grid asks for all at once)
     * @return the jobs, empty when the sweep is done
     */
    public List<Job> next(ScoreBoard board, int max) {
        return next(board, max, List.of());
    }

    /**
     * The next jobs while others are still running. A running job is neither given again nor
     * counted as free: its setting is not promoted a second time, a half-done job that is running is
     * not resumed, and the "finishing" job (the best of the highest rung goes on when nothing else
     * can) is only given when nothing runs, since a running job may still change that ranking. Empty
     * while jobs run means: ask again when one of them is recorded.
     *
     * @param board what is recorded
     * @param max how many jobs to ask for at most (≥ 1; the grid gives all its remaining ones)
     * @param running the jobs given earlier and not yet recorded
     * @return the jobs; empty with nothing running when the sweep is done
     */
    public List<Job> next(ScoreBoard board, int max, List<Job> running) {
        List<Job> jobs = new ArrayList<>();
        for (Setting s : settings) {
            for (int k = 0; k < rungs.size(); k++) {
                if (board.started(s.index(), rungs.get(k)) && !board.complete(s.index(), rungs.get(k))
                        && !planned(running, s, rungs.get(k))) {
                    jobs.add(new Job(s, k == 0 ? 0 : rungs.get(k - 1), rungs.get(k)));
                }
            }
        }
        List<Job> taken = new ArrayList<>(running);
        if (name.equals("grid")) {
            for (Setting s : settings) {
                if (!board.started(s.index(), rungs.get(0)) && !planned(running, s, rungs.get(0))) {
                    jobs.add(new Job(s, 0, rungs.get(0)));
                }
            }
            return jobs;
        }
        taken.addAll(jobs);
        while (jobs.size() < max) {
            Job j = promotion(board, taken);
            if (j == null) {
                j = newSetting(board, taken);
            }
            if (j == null) {
                break;
            }
            jobs.add(j);
            taken.add(j);
        }
        if (jobs.isEmpty() && running.isEmpty()) {
            Job f = finishing(board);
            if (f != null) {
                jobs.add(f);
            }
        }
        return jobs;
    }

    private static boolean planned(List<Job> jobs, Setting s, int toEpochs) {
        return jobs.stream().anyMatch(j -> j.setting().index() == s.index() && j.toEpochs() == toEpochs);
    }

    /** The settings complete at a rung, best first. */
    private List<Setting> ranked(ScoreBoard board, int epochs) {
        List<Setting> done = new ArrayList<>();
        for (Setting s : settings) {
            if (board.complete(s.index(), epochs)) {
                done.add(s);
            }
        }
        done.sort(Comparator.comparing(Setting::index, (a, b) -> board.compare(a, b, epochs)));
        return done;
    }

    private Job promotion(ScoreBoard board, List<Job> jobs) {
        for (int k = rungs.size() - 2; k >= 0; k--) {
            int at = rungs.get(k);
            int up = rungs.get(k + 1);
            List<Setting> done = ranked(board, at);
            int top = done.size() / eta;
            for (int i = 0; i < top; i++) {
                Setting s = done.get(i);
                if (!board.started(s.index(), up) && !planned(jobs, s, up)) {
                    return new Job(s, at, up);
                }
            }
        }
        return null;
    }

    private Job newSetting(ScoreBoard board, List<Job> jobs) {
        int first = rungs.get(0);
        for (Setting s : settings) {
            if (!board.started(s.index(), first) && !planned(jobs, s, first)) {
                return new Job(s, 0, first);
            }
        }
        return null;
    }

    /** Nothing else to do: the best of the highest rung reached goes on, unless one already has. */
    private Job finishing(ScoreBoard board) {
        for (int k = rungs.size() - 1; k >= 0; k--) {
            List<Setting> done = ranked(board, rungs.get(k));
            if (done.isEmpty()) {
                continue;
            }
            if (k == rungs.size() - 1) {
                return null;
            }
            Setting best = done.get(0);
            return board.started(best.index(), rungs.get(k + 1)) ? null : new Job(best, rungs.get(k), rungs.get(k + 1));
        }
        return null;
    }

    /**
     * The settings that reached the top rung ({@code maxEpochs}), best first: the candidates for the choice.
     *
     * @param board what is recorded
     * @return the ranked settings
     */
    public List<Setting> finalists(ScoreBoard board) {
        return ranked(board, rungs.get(rungs.size() - 1));
    }

    /**
     * The epochs a full grid over these settings spends per fold.
     *
     * @return settings × maxEpochs
     */
    public long gridEpochsPerFold() {
        return (long) settings.size() * rungs.get(rungs.size() - 1);
    }
}
