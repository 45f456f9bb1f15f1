/**
 * The regularization spec ({@link io.regzoo.regularize.Regularization}), its table of knobs
 * ({@link io.regzoo.regularize.Knob}: one place per setting, with its name, range, DL4J mapping,
 * report convention and whether a sweep can vary it) and its mapping onto DL4J's own features: L1/L2 and decoupled weight decay ({@code org.nd4j.linalg.learning.regularization}),
 * dropout, batch normalization, gradient clipping, learning-rate schedules ({@code ISchedule}),
 * hidden activations and the optimizer ({@link io.regzoo.regularize.Optimizer}; its Adam is
 * {@link io.regzoo.regularize.FusedAdam}, DL4J's {@code Adam} with a faster update step), and
 * {@link io.regzoo.regularize.InPlaceUpdater}, DL4J's network updater on its own fast path (the zoo
 * installs it in {@code init()}).
 *
 * <p>Conventions: {@code l2(λ)} penalises {@code λ/2·Σw²} (gradient {@code λw}), as DL4J and the
 * seed documents do; Keras's {@code L2(λ)} ({@code λ·Σw²}) is {@code l2Keras(λ)}. A dropout
 * {@code rate} is the fraction of activations <em>dropped</em> (Keras), mapped onto DL4J's retain
 * probability {@code 1 − rate}.
 *
 * <p>May import DL4J/ND4J (with JavaCPP, ND4J's native-memory layer) and Jackson only; nothing else of regzoo.
 */
package io.regzoo.regularize;
