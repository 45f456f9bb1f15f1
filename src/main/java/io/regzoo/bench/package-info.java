/**
 * The training-throughput benchmark ({@code ./regzoo bench}): samples per second of the zoo's
 * networks trained through regzoo's {@link io.regzoo.train.Trainer}, the same network in a plain
 * DL4J loop, and the same network in PyTorch when it is installed, plus the machine's sgemm peak and
 * each run's peak memory. Every measurement runs in its own child process
 * ({@link io.regzoo.bench.BenchWorker}) so that its peak RSS is its own.
 *
 * <p>May import {@code zoo}, {@code data} and {@code train}; only {@code cli} imports it.
 */
package io.regzoo.bench;
