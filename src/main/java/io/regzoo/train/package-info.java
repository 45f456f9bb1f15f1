/**
 * The training loop, early stopping (through DL4J's {@code EarlyStoppingTrainer}), per-epoch
 * history and metrics, and provenance.
 *
 * <p>May import {@code data}, {@code zoo} and {@code regularize}; never {@code experiment},
 * {@code report} or {@code cli}.
 */
package io.regzoo.train;
