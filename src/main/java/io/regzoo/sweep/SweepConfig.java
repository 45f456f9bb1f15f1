package io.regzoo.sweep;

import io.regzoo.RegzooException;

/**
 * A sweep's own settings, next to the experiment spec that gives the model, data, seeds, batch
 * size, optimizer and baseline: the search space, the scheduler and its epochs, the folds and the
 * choice rule. In a spec file they are the {@code sweep:} section ({@link SweepSection}); on the
 * command line {@code --space}, {@code --scheduler}, {@code --eta}, {@code --min-epochs},
 * {@code --max-epochs}, {@code --folds}, {@code --choose}.
 *
 * @param space the settings to try
 * @param scheduler {@code grid} or {@code asha}
 * @param eta reduction factor η (asha), ≥ 2
 * @param minEpochs epochs of the bottom rung (asha), ≥ 1
 * @param maxEpochs epochs of the top rung, and of the refit, ≥ minEpochs
 * @param folds cross-validation folds, ≥ 2
 * @param choose the choice rule
 */
public record SweepConfig(SearchSpace space, String scheduler, int eta, int minEpochs, int maxEpochs, int folds,
        Choice choose) {

    /**
     * Validates.
     *
     * @param space the settings
     * @param scheduler the scheduler
     * @param eta reduction factor
     * @param minEpochs bottom rung
     * @param maxEpochs top rung
     * @param folds folds
     * @param choose choice rule
     * @throws RegzooException naming the field ({@code sweep.eta}, …) that is out of range
     */
    public SweepConfig {
        if (space == null) {
            throw new RegzooException("sweep.space: empty search space; give at least one knob with 2 or more values");
        }
        if (!Scheduler.NAMES.contains(scheduler)) {
            throw new RegzooException("sweep.scheduler: must be grid or asha, got '" + scheduler + "'");
        }
        if (eta < 2) {
            throw new RegzooException("sweep.eta: the reduction factor must be >= 2, got " + eta);
        }
        if (minEpochs < 1) {
            throw new RegzooException("sweep.minEpochs: must be >= 1, got " + minEpochs);
        }
        if (maxEpochs < 1) {
            throw new RegzooException("sweep.maxEpochs: must be >= 1, got " + maxEpochs);
        }
        if (minEpochs > maxEpochs) {
            throw new RegzooException("sweep.minEpochs: " + minEpochs + " is more than sweep.maxEpochs " + maxEpochs);
        }
        if (folds < 2) {
            throw new RegzooException("sweep.folds: must be >= 2, got " + folds);
        }
        if (choose == null) {
            choose = Choice.BEST;
        }
    }

    /** @return the scheduler for this configuration */
    public Scheduler newScheduler() {
        return scheduler.equals("grid") ? Scheduler.grid(space.settings(), maxEpochs)
                : Scheduler.asha(space.settings(), eta, minEpochs, maxEpochs);
    }

    /**
     * The same sweep with another scheduler (to run both side by side).
     *
     * @param name {@code grid} or {@code asha}
     * @return the configuration
     */
    public SweepConfig withScheduler(String name) {
        return new SweepConfig(space, name, eta, minEpochs, maxEpochs, folds, choose);
    }
}
