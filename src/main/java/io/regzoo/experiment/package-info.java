/**
 * Experiment specs, the trial grid (model × variant × seed), the fault-tolerant runner and
 * results store, and λ sweeps by cross-validation.
 *
 * <p>One seam per concern: {@link io.regzoo.experiment.ExperimentRunner} decides what runs (grid
 * and resume); a {@link io.regzoo.experiment.TrialExecutor} decides where
 * ({@link io.regzoo.experiment.InProcessExecutor}, {@link io.regzoo.experiment.ChildJvmExecutor});
 * {@link io.regzoo.experiment.TrialRunner} trains one {@link io.regzoo.experiment.TrialTask};
 * results go through one {@link io.regzoo.experiment.TrialSink} into {@code results.jsonl}, written
 * and read by one codec, {@link io.regzoo.experiment.TrialCodec}.
 *
 * <p>May import {@code train} and everything below it; never {@code report} or {@code cli}.
 */
package io.regzoo.experiment;
