package io.regzoo.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni adjustment of a family of p-values (in regzoo: one model's comparisons against its baseline
 * on the primary metric). With the family's p-values sorted, {@code p(1) ≤ … ≤ p(k)}, the adjusted values are
 * {@code p̃(i) = min(1, max over j ≤ i of (k − j + 1)·p(j))}; a comparison is significant at family-wise level
 * α when {@code p̃ ≤ α}. Holm controls the probability of any false "different" in the family at α, whatever
 * the dependence between the comparisons (they share the baseline), and rejects everything Bonferroni rejects
 * and sometimes more.
 */
public final class Holm {

    private Holm() {}

    /**
     * Adjusts a family of p-values. Non-finite entries ({@code NaN}: a comparison that could not be tested) are
     * not members of the family: they stay {@code NaN} and do not count in k.
     *
     * @param p the p-values, in any order
     * @return the adjusted p-values, in the same order
     * @throws IllegalArgumentException when a finite p-value is outside [0, 1]
     */
    public static double[] adjust(double... p) {
        for (double v : p) {
            if (Double.isFinite(v) && (v < 0 || v > 1)) {
                throw new IllegalArgumentException("p-value outside [0, 1]: " + v);
            }
        }
        Integer[] order = IntStream.range(0, p.length).filter(i -> Double.isFinite(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        int k = order.length;
        double running = 0;
        for (int j = 0; j < k; j++) {
            running = Math.max(running, Math.min(1, (k - j) * p[order[j]]));
            out[order[j]] = running;
        }
        return out;
    }

    /**
     * The number of members of the family that {@link #adjust(double...)} counts.
     *
     * @param p the p-values
     * @return the number of finite entries
     */
    public static int familySize(double... p) {
        return (int) Arrays.stream(p).filter(Double::isFinite).count();
    }
}
