package io.regzoo.sweep;

/**
 * One step a scheduler asks for: train a setting, on every fold, from {@code fromEpochs} (0: a new
 * network; else its saved state after that many epochs) to {@code toEpochs}, and score it there.
 *
 * @param setting the setting
 * @param fromEpochs epochs already trained (its previous rung, or 0)
 * @param toEpochs epochs after this step (the rung it reaches)
 */
public record Job(Setting setting, int fromEpochs, int toEpochs) {

    /**
     * Checks the epochs.
     *
     * @param setting the setting
     * @param fromEpochs epochs trained before
     * @param toEpochs epochs after
     * @throws IllegalArgumentException unless {@code 0 <= fromEpochs < toEpochs}
     */
    public Job {
        if (fromEpochs < 0 || toEpochs <= fromEpochs) {
            throw new IllegalArgumentException("need 0 <= fromEpochs < toEpochs, got " + fromEpochs + ", " + toEpochs);
        }
    }

    /** @return epochs this step trains per fold */
    public int epochs() {
        return toEpochs - fromEpochs;
    }
}
