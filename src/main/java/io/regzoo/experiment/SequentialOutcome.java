package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.RegzooException;
import io.regzoo.stats.SequentialDesign.Decision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the sequential procedure ({@code --seeds auto}) decided, per model and comparison with the baseline, and
 * why the run stopped. Written by the runner to {@code OUT/sequential.json} ({@link #FILE_NAME}) after every round
 * and at the end ({@link #write(Path)}: temporary file, then rename), and read by the report ({@link #read(Path)}).
 * It is a function of {@code results.jsonl} and the spec's settings alone ({@link SequentialPlan}), so a resumed
 * run recomputes it.
 *
 * <p>Units: every difference, interval end and margin is in the primary metric's own units, variant − baseline:
 * test accuracy as a fraction (0.003 = 0.3 pp) for classifiers, test loss for regressors. The interval is the
 * anytime-valid 95 % confidence sequence ({@link io.regzoo.stats.ConfidenceSequence#runningInterval}), not a t
 * interval; its ends are infinite (JSON {@code null}) while it is unbounded. The p-values are the anytime-valid
 * p-values, Holm-adjusted over the model's comparisons.
 *
 * @param method the procedure in words
 * @param alpha the family-wise error probability α per model
 * @param minSeeds seeds before the first look
 * @param maxSeeds the most seeds per variant
 * @param timeBudget the time budget per run (e.g. {@code 30m}), or {@code null} for none
 * @param stoppedBy why the run stopped (so far)
 * @param models one entry per model, in spec order
 */
public record SequentialOutcome(String method, double alpha, int minSeeds, int maxSeeds, String timeBudget,
        Stop stoppedBy, List<ModelOutcome> models) {

    /** The file in the output directory. */
    public static final String FILE_NAME = "sequential.json";

    /** Why a sequential run stopped. */
    public enum Stop {
        /** Every comparison is decided (different or equivalent, or inconclusive at max seeds). */
        ALL_DECIDED,
        /** The seeds ran out ({@code max}) before every comparison was decided (only when trials failed). */
        MAX_SEEDS,
        /** The time budget was spent: no new trial was started after it. */
        TIME_BUDGET,
        /** The run was interrupted (Ctrl-C); running it again resumes. */
        INTERRUPTED,
        /** The run is still going (the file is rewritten after every round), or was killed. */
        RUNNING
    }

    /**
     * Normalizes lists.
     *
     * @param method see the record
     * @param alpha see the record
     * @param minSeeds see the record
     * @param maxSeeds see the record
     * @param timeBudget see the record
     * @param stoppedBy see the record
     * @param models see the record
     */
    public SequentialOutcome {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /**
     * The sequential state of one model's comparisons with its baseline.
     *
     * @param model the zoo network
     * @param baseline the variant the others are compared with
     * @param metric the primary metric, {@code "test accuracy"} or {@code "test loss"}
     * @param margin the equivalence margin used for stopping, in the metric's units, or {@code NaN} (JSON
     *     {@code null}) for none
     * @param seedsRun the baseline's recorded seeds
     * @param comparisons one per non-baseline variant, in spec order
     */
    public record ModelOutcome(String model, String baseline, String metric, double margin, int seedsRun,
            List<Comparison> comparisons) {

        /**
         * Normalizes the list.
         *
         * @param model see the record
         * @param baseline see the record
         * @param metric see the record
         * @param margin see the record
         * @param seedsRun see the record
         * @param comparisons see the record
         */
        public ModelOutcome {
            comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        }
    }

    /**
     * One comparison (variant − baseline on the primary metric) after the procedure's last look.
     *
     * @param variant the variant
     * @param decision what the procedure decided; {@link Decision#CONTINUE} when the run stopped (time budget,
     *     interrupt, failed trials) before it was decided
     * @param open whether the comparison would get more seeds (not decided yet)
     * @param seeds the number of paired seeds the decision rests on (for a stopped comparison: where it stopped)
     * @param estimate mean of the per-seed differences
     * @param low lower end of the confidence sequence ({@code -Infinity} while unbounded)
     * @param high upper end of the confidence sequence ({@code +Infinity} while unbounded)
     * @param pValue the anytime-valid p-value of "no difference"
     * @param adjustedP that p-value, Holm-adjusted over the model's comparisons
     * @param looks the state after each look, in order (the last one is this comparison's current state)
     */
    public record Comparison(String variant, Decision decision, boolean open, int seeds, double estimate,
            double low, double high, double pValue, double adjustedP, List<Look> looks) {

        /**
         * Reads JSON {@code null} interval ends as unbounded and normalizes the list.
         *
         * @param variant see the record
         * @param decision see the record
         * @param open see the record
         * @param seeds see the record
         * @param estimate see the record
         * @param low see the record
         * @param high see the record
         * @param pValue see the record
         * @param adjustedP see the record
         * @param looks see the record
         */
        public Comparison {
            low = Double.isNaN(low) ? Double.NEGATIVE_INFINITY : low;
            high = Double.isNaN(high) ? Double.POSITIVE_INFINITY : high;
            looks = looks == null ? List.of() : List.copyOf(looks);
        }

        /** @return whether the procedure stopped this comparison with an answer (not {@code CONTINUE}) */
        public boolean decided() {
            return decision != Decision.CONTINUE;
        }
    }

    /**
     * The state of one comparison after one look.
     *
     * @param seeds paired seeds at this look
     * @param decision the decision at this look
     * @param low lower end of the confidence sequence
     * @param high upper end of the confidence sequence
     * @param adjustedP the Holm-adjusted anytime p-value
     */
    public record Look(int seeds, Decision decision, double low, double high, double adjustedP) {

        /**
         * Reads JSON {@code null} interval ends as unbounded.
         *
         * @param seeds see the record
         * @param decision see the record
         * @param low see the record
         * @param high see the record
         * @param adjustedP see the record
         */
        public Look {
            low = Double.isNaN(low) ? Double.NEGATIVE_INFINITY : low;
            high = Double.isNaN(high) ? Double.POSITIVE_INFINITY : high;
        }
    }

    /**
     * The comparison of a variant.
     *
     * @param model the model
     * @param variant the variant
     * @return its comparison, if the model has one for that variant
     */
    public Optional<Comparison> comparison(String model, String variant) {
        return models.stream().filter(m -> m.model().equals(model)).flatMap(m -> m.comparisons().stream())
                .filter(c -> c.variant().equals(variant)).findFirst();
    }

    /**
     * Writes {@code dir/sequential.json} atomically ({@link io.regzoo.AtomicFiles}: a temporary file in the
     * same folder, fsync, then a rename); a failure leaves the previous version intact.
     *
     * @param dir the run's output directory
     * @throws io.regzoo.EnvironmentException naming the file and the reason when it cannot be written
     */
    public void write(Path dir) {
        String json;
        try {
            json = TrialCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + FILE_NAME, e); // a bug: plain data
        }
        io.regzoo.AtomicFiles.write(dir.resolve(FILE_NAME), json); // temporary file, fsync, rename
    }

    /**
     * Reads {@code dir/sequential.json}.
     *
     * @param dir a run's output directory
     * @return the outcome, or empty when the run did not use {@code --seeds auto}
     * @throws RegzooException when the file exists but cannot be read
     */
    public static Optional<SequentialOutcome> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            return Optional.of(TrialCodec.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8),
                    SequentialOutcome.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new RegzooException(file + ": not a sequential outcome: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegzooException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
