/**
 * What a pruning sweep tries and in which order, as plain logic over scores: the search space
 * ({@link io.regzoo.sweep.SearchSpace} of {@link io.regzoo.sweep.Dimension}s, each a list, a linear
 * or log range, or log-uniform samples drawn with a seed), the settings it spans
 * ({@link io.regzoo.sweep.Setting}), the sweep's settings ({@link io.regzoo.sweep.SweepConfig}: the
 * scheduler, reduction factor, epochs, folds and the choice rule, from the command line or a spec
 * file's {@code sweep:} section, {@link io.regzoo.sweep.SweepSection}), and the schedulers
 * ({@link io.regzoo.sweep.Scheduler}: {@code grid} and {@code asha}) that decide, from the
 * cross-validated scores recorded so far, which settings train for how many epochs next. Nothing
 * here trains a network: {@code experiment/SweepRun} runs what a scheduler asks for through the
 * trial executors. Imports {@code regularize} and {@code zoo} only.
 */
package io.regzoo.sweep;
