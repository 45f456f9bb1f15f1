package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regzoo.RegzooException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of a pruning sweep, as a {@link TrialTask} any executor can run: train one setting on
 * one fold from {@code fromEpochs} (its checkpoint, or a new network at 0) to {@code toEpochs},
 * save the checkpoint, and score the held-out fold. The task's {@code specJson} is
 * {@code {"sweepUnit": {...}}} ({@link #task}); {@link TrialRunner#run} hands such tasks to
 * {@link SweepUnits}. Its trial is {@code model/SETTING.fFOLD.eEPOCHS/seed}, one line of the sweep's
 * {@code results.jsonl} per fold × setting × rung, whose {@code test*} fields are the held-out
 * fold's scores.
 *
 * @param spec the one-variant experiment ({@link ExperimentSpec#toJson()}): dataset (validation split 0),
 *     the model, the setting's variant, the seed, batch size, optimizer
 * @param setting the setting's id ({@code s03})
 * @param fold the held-out fold, 0-based
 * @param folds the number of folds
 * @param fromEpochs epochs already trained (0: new network)
 * @param toEpochs epochs after this step
 * @param checkpointDir where checkpoints are read and written ({@link #checkpoint})
 */
public record SweepUnit(String spec, String setting, int fold, int folds, int fromEpochs, int toEpochs,
        String checkpointDir) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "{\"sweepUnit\":";

    /**
     * Checks the parts.
     *
     * @param spec the experiment
     * @param setting the setting id
     * @param fold the fold
     * @param folds folds
     * @param fromEpochs start
     * @param toEpochs end
     * @param checkpointDir checkpoints
     * @throws IllegalArgumentException when the numbers are out of range
     */
    public SweepUnit {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        if (fold < 0 || fold >= folds || fromEpochs < 0 || toEpochs <= fromEpochs) {
            throw new IllegalArgumentException("bad sweep unit " + setting + " fold " + fold + "/" + folds + " epochs "
                    + fromEpochs + ".." + toEpochs);
        }
    }

    /**
     * The variant name of a unit's trial.
     *
     * @param setting the setting id
     * @param fold the fold
     * @param epochs the epochs it reaches
     * @return {@code s03.f1.e9}
     */
    public static String variant(String setting, int fold, int epochs) {
        return String.format(Locale.ROOT, "%s.f%d.e%d", setting, fold, epochs);
    }

    /**
     * Where a setting's network after some epochs on one fold is saved.
     *
     * @param dir the sweep's checkpoint folder
     * @param setting the setting id
     * @param fold the fold
     * @param epochs epochs trained
     * @return {@code DIR/s03-f1-e9.zip}
     */
    public static Path checkpoint(Path dir, String setting, int fold, int epochs) {
        return dir.resolve(String.format(Locale.ROOT, "%s-f%d-e%d.zip", setting, fold, epochs));
    }

    /**
     * This unit as a task.
     *
     * @param model the model
     * @param seed the seed (data, folds, weights, order)
     * @return the task
     */
    public TrialTask task(String model, long seed) {
        try {
            return new TrialTask(PREFIX + JSON.writeValueAsString(this) + "}",
                    new Trial(model, variant(setting, fold, toEpochs), seed), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a task's spec JSON is a sweep unit.
     *
     * @param specJson a {@link TrialTask#specJson()}
     * @return true for a sweep unit
     */
    public static boolean isUnit(String specJson) {
        return specJson.startsWith(PREFIX);
    }

    /**
     * Reads a unit from a task's spec JSON.
     *
     * @param specJson {@code {"sweepUnit": {...}}}
     * @return the unit
     * @throws RegzooException when it cannot be read
     */
    public static SweepUnit of(String specJson) {
        try {
            return JSON.treeToValue(JSON.readTree(specJson).get("sweepUnit"), SweepUnit.class);
        } catch (JsonProcessingException e) {
            throw new RegzooException("unreadable sweep unit: " + e.getOriginalMessage(), e);
        }
    }
}
