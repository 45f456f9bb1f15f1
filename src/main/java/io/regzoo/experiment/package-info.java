/**
 * Experiment specs, the trial grid (model × variant × seed), the fault-tolerant runner and
 * results store, and λ sweeps by cross-validation.
 *
 * <p>May import {@code train} and everything below it; never {@code report} or {@code cli}.
 */
package io.regzoo.experiment;
