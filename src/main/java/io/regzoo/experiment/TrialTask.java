package io.regzoo.experiment;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to train, as a small value that can travel to another JVM or another machine: the resolved
 * experiment spec as JSON (dataset description, variants, budget), the grid cell, and where to save
 * the trained network (or nowhere). Executors hand tasks to a {@link TrialRunner}, wherever it runs;
 * the result comes back as a {@link TrialResult}.
 *
 * @param specJson the experiment, {@link ExperimentSpec#toJson()}
 * @param trial the grid cell
 * @param modelFile where an {@code ok} trial's network is saved ({@code ModelSerializer} zip), or
 *     {@code null} not to save it; a path the runner's machine can write

 * @serial exclude
 */
public record TrialTask(String specJson, Trial trial, String modelFile) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the parts.
     *
     * @param specJson the experiment
     * @param trial the grid cell
     * @param modelFile where to save the network, or {@code null}
     * @throws NullPointerException when the spec or the trial is missing
     */
    public TrialTask {
        Objects.requireNonNull(specJson, "specJson");
        Objects.requireNonNull(trial, "trial");
    }

    /**
     * A task of an experiment.
     *
     * @param spec the experiment
     * @param trial the grid cell
     * @param modelFile where to save the trained network, or {@code null}
     * @return the task
     */
    public static TrialTask of(ExperimentSpec spec, Trial trial, Path modelFile) {
        return new TrialTask(spec.toJson(), trial, modelFile == null ? null : modelFile.toAbsolutePath().toString());
    }

    /** @return the trial id {@code model/variant/seed} */
    public String id() {
        return trial.id();
    }
}
