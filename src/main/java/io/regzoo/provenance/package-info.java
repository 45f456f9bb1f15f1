/**
 * Typed provenance (after Tribuo's {@code ModelProvenance}): what made a trained model, as records
 * with named fields rather than string maps: the machine ({@link io.regzoo.provenance.EnvironmentProvenance}),
 * the data ({@link io.regzoo.provenance.DataProvenance}), and the training record of a saved model
 * ({@link io.regzoo.provenance.TrainingRecord}, written by {@code regzoo train}, read by the model card).
 * A trial's provenance ({@code io.regzoo.experiment.TrialProvenance}) is made of these parts.
 *
 * <p>May import {@code regularize}, Jackson and the JDK only; {@code zoo}, {@code train},
 * {@code experiment}, {@code report}, {@code bench} and {@code cli} import it.
 */
package io.regzoo.provenance;
