package io.regzoo.sweep;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the sweep picks its setting among those that reached {@code maxEpochs}:
 * {@link #BEST} the best mean cross-validated score (ties to the setting listed first);
 * {@link #ONE_SE} the one-standard-error rule (Hastie, Tibshirani and Friedman, §7.10): the most
 * regularized setting whose mean is within one standard error (fold standard deviation / √k) of
 * the best mean. "Most regularized" compares the knob values dimension by dimension in the space's
 * order, a larger value being stronger ({@code lr} and {@code activation} do not count).
 */
public enum Choice {
    /** The best mean. */
    BEST("best"),
    /** The one-standard-error rule. */
    ONE_SE("1se");

    private final String key;

    Choice(String key) {
        this.key = key;
    }

    /** @return {@code best} or {@code 1se} */
    public String key() {
        return key;
    }

    /**
     * Reads {@code --choose}.
     *
     * @param s {@code best} or {@code 1se}
     * @return the rule
     * @throws RegzooException naming {@code sweep.choose} for anything else
     */
    public static Choice of(String s) {
        for (Choice c : values()) {
            if (c.key.equalsIgnoreCase(String.valueOf(s).trim())) {
                return c;
            }
        }
        throw new RegzooException("sweep.choose: must be best or 1se, got '" + s + "'");
    }

    /**
     * Picks a setting.
     *
     * @param finalists the settings complete at the top rung, best first ({@link Scheduler#finalists})
     * @param board the scores
     * @param epochs the top rung
     * @return the chosen setting
     * @throws IllegalStateException when there is no finalist
     */
    public Setting choose(List<Setting> finalists, ScoreBoard board, int epochs) {
        if (finalists.isEmpty()) {
            throw new IllegalStateException("no setting reached the top rung");
        }
        Setting best = finalists.get(0);
        if (this == BEST) {
            return best;
        }
        double m = board.mean(best.index(), epochs);
        double se = board.std(best.index(), epochs) / Math.sqrt(board.folds());
        double bar = board.higherIsBetter() ? m - se : m + se;
        List<Setting> within = new ArrayList<>();
        for (Setting s : finalists) {
            double ms = board.mean(s.index(), epochs);
            if (board.higherIsBetter() ? ms >= bar : ms <= bar) {
                within.add(s);
            }
        }
        Setting pick = best;
        for (Setting s : within) {
            if (strength(s, pick) > 0) {
                pick = s;
            }
        }
        return pick;
    }

    /** Positive when {@code a} is more regularized than {@code b}. */
    private static int strength(Setting a, Setting b) {
        for (String k : a.values().keySet()) {
            Knob knob = Knob.byKey(k);
            if (knob == null || !(a.values().get(k) instanceof Double x) || !(b.values().get(k) instanceof Double y)) {
                continue;
            }
            int c = Double.compare(x, y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
