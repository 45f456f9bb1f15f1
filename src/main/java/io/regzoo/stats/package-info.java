/**
 * The statistics behind every comparison regzoo reports, as plain mathematics over per-seed values
 * (no training, no DL4J): paired and Welch differences ({@link io.regzoo.stats.Comparisons},
 * {@link io.regzoo.stats.Difference}), Holm–Bonferroni adjustment ({@link io.regzoo.stats.Holm}),
 * equivalence within a margin by two one-sided tests ({@link io.regzoo.stats.Equivalence}),
 * per-variant intervals that stay inside the metric's range ({@link io.regzoo.stats.MeanInterval}),
 * seeds added until the answer is clear with an anytime-valid confidence sequence
 * ({@link io.regzoo.stats.ConfidenceSequence}, {@link io.regzoo.stats.SequentialDesign}), secondary
 * effects with relative changes ({@link io.regzoo.stats.Effects}) and expected calibration error
 * ({@link io.regzoo.stats.Calibration}); {@link io.regzoo.stats.Wording} puts intervals into words.
 * {@code docs/STATISTICS.md} explains each number to a reader who is not a statistician.
 *
 * <p>Depends only on commons-math3; imports no other regzoo package.
 */
package io.regzoo.stats;
