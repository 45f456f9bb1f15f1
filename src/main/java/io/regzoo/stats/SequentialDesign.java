package io.regzoo.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seeds until the answer is clear ({@code --seeds auto}). Seeds are run in rounds; after each round (a
 * <em>look</em>) every comparison still running is decided from its per-seed paired differences so far:
 * <ul>
 *   <li>{@link Decision#DIFFERENT}: the anytime-valid p-value of "no difference"
 *       ({@link ConfidenceSequence#anytimePValue}), Holm-adjusted over the family, is at most α;</li>
 *   <li>{@link Decision#EQUIVALENT}: otherwise, when the running confidence sequence
 *       ({@link ConfidenceSequence#runningInterval}) lies strictly inside (−margin, +margin);</li>
 *   <li>{@link Decision#INCONCLUSIVE}: otherwise, once {@link #maxSeeds()} seeds are in;</li>
 *   <li>{@link Decision#CONTINUE}: otherwise (also before {@link #minSeeds()}).</li>
 * </ul>
 * A comparison that stopped gets no more seeds; its p-value and interval stay as they were. Because the
 * confidence sequence covers the true difference at every look simultaneously, and its p-value is valid at any
 * stopping time, looking after every round does not inflate the false-positive rate (see
 * {@code docs/STATISTICS.md} and {@code SequentialSimulationTest}).
 *
 * <p>Every decision is a function of the per-seed differences alone: {@link #replay(List)} recomputes the
 * whole history, so a run resumed after a kill reaches the same decisions and continues where it stopped.
 *
 * @param minSeeds seeds before the first look, at least 2
 * @param maxSeeds the budget: no comparison gets more seeds, at least minSeeds
 * @param round seeds added per round (looks at minSeeds, minSeeds + round, …, and always at maxSeeds), at least 1
 * @param alpha the family-wise error probability α, in (0, 1)
 * @param margin the equivalence margin in the differences' units, positive, or {@code NaN} for none
 * @param priorPrecision the confidence sequence's prior precision c² ({@link ConfidenceSequence})
 */
public record SequentialDesign(int minSeeds, int maxSeeds, int round, double alpha, double margin,
        double priorPrecision) {

    /** Default fewest seeds (a first look after 3 seeds). */
    public static final int DEFAULT_MIN_SEEDS = 3;

    /** Default budget of seeds per comparison. */
    public static final int DEFAULT_MAX_SEEDS = 20;

    /** What a look decided for one comparison. */
    public enum Decision {
        /** Not decided yet: run another round. */
        CONTINUE,
        /** The difference excludes 0 (after Holm over the family). */
        DIFFERENT,
        /** The difference lies within ±margin. */
        EQUIVALENT,
        /** The budget was spent without either answer. */
        INCONCLUSIVE
    }

    /**
     * The state of one comparison after a look.
     *
     * @param n the number of differences the state rests on
     * @param decision the decision
     * @param stopped whether the comparison gets no more seeds
     * @param estimate mean of the differences
     * @param low lower end of the running confidence sequence ({@code -Infinity} while unbounded)
     * @param high upper end of the running confidence sequence ({@code +Infinity} while unbounded)
     * @param pValue the anytime-valid p-value of "no difference"
     * @param adjustedP that p-value, Holm-adjusted over the family
     */
    public record Look(int n, Decision decision, boolean stopped, double estimate, double low, double high,
            double pValue, double adjustedP) {}

    /**
     * Checks the parameters.
     *
     * @param minSeeds seeds before the first look
     * @param maxSeeds the budget
     * @param round seeds per round
     * @param alpha the error probability
     * @param margin the margin or NaN
     * @param priorPrecision c²
     * @throws IllegalArgumentException when a parameter is out of range
     */
    public SequentialDesign {
        if (minSeeds < 2 || maxSeeds < minSeeds || round < 1) {
            throw new IllegalArgumentException("need 2 ≤ minSeeds ≤ maxSeeds and round ≥ 1, got min " + minSeeds
                    + ", max " + maxSeeds + ", round " + round);
        }
        ConfidenceSequence.checkAlpha(alpha);
        if (!Double.isNaN(margin) && !(margin > 0 && Double.isFinite(margin))) {
            throw new IllegalArgumentException("margin must be positive and finite, or NaN for none, got " + margin);
        }
        if (!(priorPrecision > 0) || Double.isInfinite(priorPrecision)) {
            throw new IllegalArgumentException("prior precision must be positive and finite, got " + priorPrecision);
        }
    }

    /**
     * A design with one seed per round and the default prior precision.
     *
     * @param minSeeds seeds before the first look, at least 2
     * @param maxSeeds the budget
     * @param alpha the family-wise error probability
     * @param margin the equivalence margin, or {@code NaN}
     * @return the design
     */
    public static SequentialDesign of(int minSeeds, int maxSeeds, double alpha, double margin) {
        return new SequentialDesign(minSeeds, maxSeeds, 1, alpha, margin, ConfidenceSequence.DEFAULT_PRIOR_PRECISION);
    }

    /**
     * Whether the design looks after n seeds.
     *
     * @param n a number of seeds
     * @return true for minSeeds, minSeeds + round, … below maxSeeds, and for maxSeeds
     */
    public boolean isLook(int n) {
        return n == maxSeeds || (n >= minSeeds && n < maxSeeds && (n - minSeeds) % round == 0);
    }

    /** @return the look points in order: minSeeds, minSeeds + round, …, maxSeeds */
    public int[] looks() {
        List<Integer> out = new ArrayList<>();
        for (int n = minSeeds; n < maxSeeds; n += round) {
            out.add(n);
        }
        out.add(maxSeeds);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The state of a single comparison (a family of one), replayed look by look.
     *
     * @param differences its per-seed paired differences, in seed order
     * @return the state after the last look the data reach (or a {@code CONTINUE} state before minSeeds)
     */
    public Look decide(double[] differences) {
        return replay(List.of(differences)).get(0);
    }

    /**
     * Every look of a single comparison until it stopped (or the data end).
     *
     * @param differences its per-seed paired differences, in seed order
     * @return one state per look reached, in order
     */
    public List<Look> history(double[] differences) {
        List<Look> out = new ArrayList<>();
        for (int n : looks()) {
            if (n > differences.length) {
                break;
            }
            Look l = decide(Arrays.copyOf(differences, n));
            out.add(l);
            if (l.stopped()) {
                break;
            }
        }
        return out;
    }

    /**
     * Replays the procedure for a family of comparisons (a model's variants against its baseline) that share
     * their seeds: at each look, in order, the comparisons still running that have data for it are decided with
     * Holm over the whole family (stopped ones keep their last p-value). A look is taken only when every running
     * comparison has its data (a complete round); after the last complete look, running comparisons show their
     * latest data as {@code CONTINUE}. Stopped comparisons ignore differences beyond their stopping look. Finally,
     * a stopped comparison whose Holm-adjusted p-value dropped to α as others were decided is reported
     * {@code DIFFERENT}.
     *
     * @param differences per comparison, its per-seed paired differences in seed order (finite values)
     * @return per comparison, its current state; {@link Look#stopped()} false means it needs more seeds
     * @throws IllegalArgumentException when a difference is not finite
     */
    public List<Look> replay(List<double[]> differences) {
        return run(differences).looks;
    }

    /**
     * How many seeds every comparison still running should have before the next {@link #replay(List)}: the next
     * look after the last complete one (the first look, {@link #minSeeds()}, when none is complete yet).
     *
     * @param differences per comparison, its per-seed paired differences in seed order
     * @return the seed count to run the running comparisons (and their shared baseline) up to, or 0 when every
     *     comparison has stopped
     */
    public int nextSeedCount(List<double[]> differences) {
        State s = run(differences);
        if (s.looks.stream().allMatch(Look::stopped)) {
            return 0;
        }
        for (int look : looks()) {
            if (look > s.lastLook) {
                return look;
            }
        }
        return maxSeeds;
    }

    private record State(List<Look> looks, int lastLook) {}

    private State run(List<double[]> differences) {
        int lastLook = 0;
        int k = differences.size();
        double[][] x = differences.toArray(new double[0][]);
        int[] used = new int[k];
        boolean[] stopped = new boolean[k];
        double[] p = new double[k];
        Arrays.fill(p, 1);
        Decision[] decision = new Decision[k];
        Arrays.fill(decision, Decision.CONTINUE);
        for (int look : looks()) {
            boolean complete = true;
            for (int i = 0; i < k; i++) {
                if (!stopped[i] && x[i].length < look) {
                    complete = false;
                }
            }
            if (!complete) {
                break;
            }
            lastLook = look;
            for (int i = 0; i < k; i++) {
                if (!stopped[i]) {
                    used[i] = look;
                    p[i] = ConfidenceSequence.anytimePValue(x[i], look, priorPrecision);
                }
            }
            double[] adj = Holm.adjust(p);
            for (int i = 0; i < k; i++) {
                if (stopped[i]) {
                    continue;
                }
                decision[i] = decideOne(x[i], look, adj[i]);
                stopped[i] = decision[i] != Decision.CONTINUE;
            }
        }
        double[] adj = Holm.adjust(p);
        List<Look> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int n = stopped[i] ? used[i] : x[i].length;
            if (n == 0) {
                out.add(new Look(0, Decision.CONTINUE, false, Double.NaN, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY, 1, adj[i]));
                continue;
            }
            double pi = stopped[i] ? p[i] : ConfidenceSequence.anytimePValue(x[i], n, priorPrecision);
            double[] cs = ConfidenceSequence.runningInterval(x[i], n, alpha, priorPrecision);
            Decision d = decision[i];
            if (stopped[i] && adj[i] <= alpha) {
                d = Decision.DIFFERENT;
            }
            out.add(new Look(n, d, stopped[i], mean(x[i], n), cs[0], cs[1], pi, stopped[i] ? adj[i]
                    : adjustedWith(p, i, pi)));
        }
        return new State(out, lastLook);
    }

    private Decision decideOne(double[] x, int n, double adjustedP) {
        if (n < minSeeds) {
            return Decision.CONTINUE;
        }
        if (adjustedP <= alpha) {
            return Decision.DIFFERENT;
        }
        double[] cs = ConfidenceSequence.runningInterval(x, n, alpha, priorPrecision);
        if (!Double.isNaN(margin) && cs[0] > -margin && cs[1] < margin) {
            return Decision.EQUIVALENT;
        }
        return n >= maxSeeds ? Decision.INCONCLUSIVE : Decision.CONTINUE;
    }

    /** The Holm-adjusted p of comparison i when its p-value is replaced by pi (latest data past the last look). */
    private static double adjustedWith(double[] p, int i, double pi) {
        double[] q = p.clone();
        q[i] = pi;
        return Holm.adjust(q)[i];
    }

    private static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }
}
