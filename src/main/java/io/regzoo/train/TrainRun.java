package io.regzoo.train;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The outcome of one {@link Trainer#fit} call: per-epoch history, why training ended, which
 * epoch's weights were kept, and the trained network itself.
 */
public final class TrainRun {

    private final List<EpochMetrics> history;
    private final StopReason stopReason;
    private final int bestEpoch;
    private final int monitoredBestEpoch;
    private final MultiLayerNetwork network;
    private final String message;
    private final double seconds;

    TrainRun(List<EpochMetrics> history, StopReason stopReason, int bestEpoch, int monitoredBestEpoch,
            MultiLayerNetwork network, String message, double seconds) {
        this.history = List.copyOf(history);
        this.stopReason = Objects.requireNonNull(stopReason, "stopReason");
        this.bestEpoch = bestEpoch;
        this.monitoredBestEpoch = monitoredBestEpoch;
        this.network = Objects.requireNonNull(network, "network");
        this.message = message == null ? "" : message;
        this.seconds = seconds;
    }

    /** @return per-epoch metrics, one entry per finished epoch, in order */
    public List<EpochMetrics> history() {
        return history;
    }

    /** @return why training ended */
    public StopReason stopReason() {
        return stopReason;
    }

    /** @return the number of epochs trained to the end */
    public int epochsRun() {
        return history.size();
    }

    /**
     * The 1-based epoch whose weights {@link #network()} holds: the best monitored epoch with
     * {@code restore_best_weights}, else the last finished epoch (0 when no epoch finished).
     *
     * @return the kept epoch
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * The 1-based epoch with the best monitored score under early stopping (whether or not its
     * weights were restored); equal to {@link #bestEpoch()} without early stopping.
     *
     * @return the best monitored epoch, or 0 when none was scored
     */
    public int monitoredBestEpoch() {
        return monitoredBestEpoch;
    }

    /** @return the trained network (the kept weights) */
    public MultiLayerNetwork network() {
        return network;
    }

    /** @return a one-line explanation for {@link StopReason#DIVERGED}, else empty */
    public String message() {
        return message;
    }

    /** @return wall time of the whole run, in seconds */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "TrainRun{" + stopReason + ", epochs=" + epochsRun() + ", bestEpoch=" + bestEpoch
                + (message.isEmpty() ? "" : ", " + message) + "}";
    }
}
