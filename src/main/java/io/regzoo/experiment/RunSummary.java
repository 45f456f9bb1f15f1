package io.regzoo.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What an experiment run did.
 *
 * @param outDir the output directory
 * @param results every result in {@code results.jsonl} after the run (earlier runs included)
 * @param ran trials run (and recorded) by this run
 * @param skipped trials skipped because they were already recorded
 * @param interrupted whether the run stopped early because its thread was interrupted
 * @param sequential what the sequential procedure decided ({@code --seeds auto}), or {@code null} for fixed seeds
 */
public record RunSummary(Path outDir, List<TrialResult> results, int ran, int skipped, boolean interrupted,
        SequentialOutcome sequential) {

    /**
     * The summary of a run with fixed seeds.
     *
     * @param outDir the output directory
     * @param results every result in {@code results.jsonl} after the run
     * @param ran trials run by this run
     * @param skipped trials skipped because they were already recorded
     * @param interrupted whether the run was interrupted
     */
    public RunSummary(Path outDir, List<TrialResult> results, int ran, int skipped, boolean interrupted) {
        this(outDir, results, ran, skipped, interrupted, null);
    }

    /**
     * Counts results with a status.
     *
     * @param status a status
     * @return how many results have it
     */
    public long count(TrialStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
