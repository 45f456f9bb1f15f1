package io.regzoo.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Early-stopping settings with Keras's names ({@code monitor}, {@code patience}, {@code min_delta},
 * {@code restore_best_weights}), mapped by {@link Trainer} onto DL4J's
 * {@code EarlyStoppingConfiguration}: {@code ScoreImprovementEpochTerminationCondition(patience,
 * min_delta)}, a {@code MaxEpochsTerminationCondition} for the epoch budget and an in-memory model
 * saver. Defaults are Keras's: {@code val_loss}, patience 0, min_delta 0, no restore.
 *
 * <p>{@code val_loss} is the validation <em>data</em> loss (the penalty terms are not included),
 * the same number recorded as {@link EpochMetrics#valLoss()}.
 */
public final class EarlyStopping {

    /**
     * The monitored quantity: a closed set of Keras {@code monitor} names, each knowing which way is
     * better. The sweep scores folds with the same names.
     */
    public enum Monitor {
        /** Validation data loss; lower is better. */
        VAL_LOSS("val_loss", false),
        /** Validation accuracy (classifiers only); higher is better. Also accepted as {@code val_acc}. */
        VAL_ACCURACY("val_accuracy", true, "val_acc");

        private final String kerasName;
        private final boolean higherIsBetter;
        private final List<String> aliases;

        Monitor(String kerasName, boolean higherIsBetter, String... aliases) {
            this.kerasName = kerasName;
            this.higherIsBetter = higherIsBetter;
            this.aliases = List.of(aliases);
        }

        /** @return the Keras name, {@code val_loss} or {@code val_accuracy} */
        @JsonValue
        public String kerasName() {
            return kerasName;
        }

        /** @return true when a larger value is an improvement (accuracy), false when a smaller one is (loss) */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /**
         * Compares two values of this quantity.
         *
         * @param candidate the new value
         * @param incumbent the best value so far
         * @return true when {@code candidate} is strictly better
         */
        public boolean isBetter(double candidate, double incumbent) {
            return higherIsBetter ? candidate > incumbent : candidate < incumbent;
        }

        /**
         * Parses a Keras name, case-insensitively.
         *
         * @param name {@code val_loss} or {@code val_accuracy} ({@code val_acc} also accepted)
         * @return the monitor
         * @throws IllegalArgumentException naming the unknown value and listing the valid ones
         */
        @JsonCreator
        public static Monitor of(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Monitor m : values()) {
                if (m.kerasName.equals(n) || m.aliases.contains(n)) {
                    return m;
                }
            }
            List<String> names = Arrays.stream(values()).map(Monitor::kerasName).toList();
            throw new IllegalArgumentException("earlyStopping.monitor must be "
                    + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1)
                    + ", got '" + name + "'");
        }
    }

    private final Monitor monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;

    private EarlyStopping(Builder b) {
        this.monitor = b.monitor;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.restoreBestWeights = b.restoreBestWeights;
    }

    @JsonCreator
    static EarlyStopping fromJson(@JsonProperty("monitor") Monitor monitor, @JsonProperty("patience") Integer patience,
            @JsonProperty("min_delta") Double minDelta, @JsonProperty("restore_best_weights") Boolean restore) {
        Builder b = builder();
        if (monitor != null) {
            b.monitor(monitor);
        }
        if (patience != null) {
            b.patience(patience);
        }
        if (minDelta != null) {
            b.minDelta(minDelta);
        }
        if (restore != null) {
            b.restoreBestWeights(restore);
        }
        return b.build();
    }

    /**
     * Starts a builder with Keras's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return builder().monitor(monitor).patience(patience).minDelta(minDelta).restoreBestWeights(restoreBestWeights);
    }

    /** @return the monitored quantity */
    @JsonProperty("monitor")
    public Monitor monitor() {
        return monitor;
    }

    /** @return epochs without improvement before stopping */
    @JsonProperty("patience")
    public int patience() {
        return patience;
    }

    /** @return the smallest change that counts as an improvement */
    @JsonProperty("min_delta")
    public double minDelta() {
        return minDelta;
    }

    /** @return whether the best epoch's weights are restored at the end (else the last epoch's are kept) */
    @JsonProperty("restore_best_weights")
    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    /** @return e.g. {@code EarlyStopping(monitor=val_loss, patience=2, min_delta=0.0, restore_best_weights=true)} */
    @Override
    public String toString() {
        return "EarlyStopping(monitor=" + monitor.kerasName() + ", patience=" + patience + ", min_delta=" + minDelta
                + ", restore_best_weights=" + restoreBestWeights + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EarlyStopping)) {
            return false;
        }
        EarlyStopping e = (EarlyStopping) o;
        return monitor == e.monitor && patience == e.patience && minDelta == e.minDelta
                && restoreBestWeights == e.restoreBestWeights;
    }

    @Override
    public int hashCode() {
        return Objects.hash(monitor, patience, minDelta, restoreBestWeights);
    }

    /** Builds {@link EarlyStopping}; {@link #build()} validates. */
    public static final class Builder {
        private Monitor monitor = Monitor.VAL_LOSS;
        private int patience;
        private double minDelta;
        private boolean restoreBestWeights;

        private Builder() {}

        /**
         * @param monitor the monitored quantity (default {@code val_loss})
         * @return this builder
         */
        public Builder monitor(Monitor monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * @param patience epochs without improvement before stopping, ≥ 0 (default 0)
         * @return this builder
         */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * @param minDelta smallest change that counts as an improvement, ≥ 0 (default 0)
         * @return this builder
         */
        public Builder minDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        /**
         * @param restore true to end with the best epoch's weights (default false: the last epoch's)
         * @return this builder
         */
        public Builder restoreBestWeights(boolean restore) {
            this.restoreBestWeights = restore;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws IllegalArgumentException naming the field that is out of range
         */
        public EarlyStopping build() {
            if (patience < 0) {
                throw new IllegalArgumentException("earlyStopping.patience must be >= 0, got " + patience);
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("earlyStopping.min_delta must be a finite number >= 0, got " + minDelta);
            }
            return new EarlyStopping(this);
        }
    }
}
