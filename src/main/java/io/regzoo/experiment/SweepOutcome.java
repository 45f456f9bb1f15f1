package io.regzoo.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pruning sweep ({@link SweepRun}) found, written as {@code sweep.json}: every setting's
 * cross-validated scores at each rung it reached, the chosen setting, the compute spent against a
 * full grid, and where the refit's comparison with the baseline lives.
 *
 * @param model zoo network name
 * @param dataset dataset name
 * @param scheduler {@code grid} or {@code asha}
 * @param metric {@code val_accuracy} (classifiers, higher wins) or {@code val_loss} (regressors, lower wins),
 *     on the held-out fold
 * @param higherIsBetter whether a higher score wins
 * @param folds cross-validation folds
 * @param eta reduction factor (asha)
 * @param rungs the epoch counts at which settings were scored
 * @param choose {@code best} or {@code 1se}
 * @param settings one entry per setting, in the space's order
 * @param chosen the chosen setting's id, or {@code null} when the sweep did not finish
 * @param epochsSpent epochs trained, summed over settings, folds and rungs
 * @param gridEpochs epochs a full grid (every setting, every fold, max epochs) spends
 * @param unitSeconds training seconds summed over every recorded unit (across resumed runs)
 * @param wallSeconds wall time of the sweep in this run (not counting earlier, resumed runs, nor the refit)
 * @param finished whether every job ran (false when interrupted)
 * @param refitDir the refit experiment's folder (paired statistics against the baseline), or {@code null}
 */
public record SweepOutcome(String model, String dataset, String scheduler, String metric, boolean higherIsBetter,
        int folds, int eta, List<Integer> rungs, String choose, List<SettingScores> settings, String chosen,
        long epochsSpent, long gridEpochs, double unitSeconds, double wallSeconds, boolean finished, String refitDir) {

    /** The file name in the sweep's folder. */
    public static final String FILE = "sweep.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One setting's scores.
     *
     * @param id {@code s03}
     * @param label {@code l2=1e-4 dropoutRate=0.25}
     * @param values dimension to value (numbers, activation names)
     * @param rungs the rungs it completed, in order
     */
    public record SettingScores(String id, String label, Map<String, Object> values, List<RungScore> rungs) {
        /** @return the epochs of the highest rung reached (0 when none) */
        public int epochsReached() {
            return rungs.isEmpty() ? 0 : rungs.get(rungs.size() - 1).epochs();
        }
    }

    /**
     * A setting's cross-validated score at one rung.
     *
     * @param epochs epochs trained
     * @param mean mean over folds
     * @param std sample standard deviation over folds
     * @param folds per-fold scores
     */
    public record RungScore(int epochs, double mean, double std, List<Double> folds) {}

    /** @return the chosen setting's entry, if any */
    public Optional<SettingScores> chosenSetting() {
        return settings.stream().filter(s -> s.id().equals(chosen)).findFirst();
    }

    /**
     * Writes {@code sweep.json} atomically.
     *
     * @param dir the sweep's folder
     * @return the file
     */
    public Path write(Path dir) {
        try {
            return AtomicFiles.write(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new RegzooException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code sweep.json}.
     *
     * @param dir the sweep's folder
     * @return the outcome
     * @throws RegzooException when it is missing or unreadable
     */
    public static SweepOutcome read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            throw new RegzooException(f + " does not exist: run ./regzoo sweep first");
        }
        try {
            return JSON.readValue(f.toFile(), SweepOutcome.class);
        } catch (IOException e) {
            throw new RegzooException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
