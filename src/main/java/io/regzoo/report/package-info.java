/**
 * The comparison report: per-variant statistics over seeds with intervals inside each metric's range
 * ({@link io.regzoo.report.SampleStats}), each variant compared with the baseline paired by seed (Welch as the
 * fall-back), Holm over each model's family on its primary metric, equivalence within a margin
 * ({@link io.regzoo.report.Margins}, {@link io.regzoo.report.Analysis}), secondary effects
 * ({@link io.regzoo.report.ModelStats}, {@link io.regzoo.report.VariantStats}; the mathematics is in
 * {@code io.regzoo.stats}), charts (XChart, rendered headless), and the Markdown, HTML, CSV and JSON writers.
 *
 * <p>May import {@code experiment} and everything below it; never {@code cli}.
 */
package io.regzoo.report;
