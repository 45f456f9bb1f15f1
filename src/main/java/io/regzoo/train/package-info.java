/**
 * The training loop, early stopping (through DL4J's {@code EarlyStoppingTrainer}), per-epoch
 * history and metrics, provenance, and the one child-JVM launcher ({@link io.regzoo.train.ChildJvm})
 * used by the parallel trial workers and the benchmark.
 *
 * <p>May import {@code data}, {@code zoo} and {@code regularize}; never {@code experiment},
 * {@code report} or {@code cli}.
 */
package io.regzoo.train;
