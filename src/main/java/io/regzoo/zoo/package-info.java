/**
 * Builders for the classic networks ({@code linear-regression}, {@code mlp-regressor},
 * {@code mlp-classifier}, {@code mnist-cnn}), the {@link io.regzoo.zoo.ModelZoo} registry of their
 * {@link io.regzoo.zoo.ZooEntry entries}, and {@link io.regzoo.zoo.Pretrained} networks with their
 * {@link io.regzoo.zoo.ModelCard model cards}. Each builder returns a plain DL4J
 * {@code MultiLayerConfiguration} ({@code conf()}) or an initialized {@code MultiLayerNetwork}
 * ({@code init()}).
 *
 * <p>To add a network: one class extending {@code AbstractNetwork} with a builder
 * ({@code fitTo(shape, labels)} fits it to data) and a {@code ZooEntry} constant, plus one line in
 * {@code ModelZoo.BUILT_IN}; or, from outside regzoo, a {@link io.regzoo.zoo.ZooProvider} listed in
 * {@code META-INF/services}.
 *
 * <p>May import {@code io.regzoo.regularize} and DL4J; never {@code train}, {@code experiment},
 * {@code report} or {@code cli}.
 */
package io.regzoo.zoo;
