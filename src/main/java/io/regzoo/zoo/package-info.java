/**
 * Builders for the classic networks ({@code linear-regression}, {@code mlp-regressor},
 * {@code mlp-classifier}, {@code mnist-cnn}) and the {@link io.regzoo.zoo.ModelZoo} name registry.
 * Each builder returns a plain DL4J {@code MultiLayerConfiguration} ({@code conf()}) or an
 * initialized {@code MultiLayerNetwork} ({@code init()}).
 *
 * <p>May import {@code io.regzoo.regularize} and DL4J; never {@code train}, {@code experiment},
 * {@code report} or {@code cli}.
 */
package io.regzoo.zoo;
