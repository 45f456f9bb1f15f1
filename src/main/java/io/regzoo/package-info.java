/**
 * regzoo: a model zoo and comparison harness on Deeplearning4j for the question "what does this
 * regularizer actually do to my network?". This root package holds only what every layer shares:
 * {@link io.regzoo.RegzooException}, the error type for user mistakes and bad input;
 * {@link io.regzoo.EnvironmentException}, its kind for failures of the machine (disk full, permission
 * denied, out of memory, a missing native library); and {@link io.regzoo.AtomicFiles}, which writes a
 * file so that a failure leaves its previous version intact.
 *
 * <p>Packages, bottom to top: {@code regularize}, {@code zoo}, {@code data} → {@code train} →
 * {@code experiment} → {@code report} → {@code cli}. Nothing imports a package above itself.
 */
package io.regzoo;
