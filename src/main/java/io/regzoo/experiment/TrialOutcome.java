package io.regzoo.experiment;

import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What {@link TrialRunner} returns for one trial: the result, and the trained network while it is
 * still in this JVM (executors send only the result onwards).
 *
 * @param result the result
 * @param trainedNetwork the network after training ({@code ok} and {@code diverged} trials), or
 *     {@code null} when the trial failed
 */
public record TrialOutcome(TrialResult result, MultiLayerNetwork trainedNetwork) {

    /**
     * Checks the result.
     *
     * @param result the result
     * @param trainedNetwork the network, or {@code null}
     * @throws NullPointerException when the result is missing
     */
    public TrialOutcome {
        Objects.requireNonNull(result, "result");
    }

    /** @return the trained network, if the trial got as far as training */
    public Optional<MultiLayerNetwork> network() {
        return Optional.ofNullable(trainedNetwork);
    }
}
