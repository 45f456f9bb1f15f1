package io.regzoo.train;

/** Why a training run ended. */
public enum StopReason {
    /** Ran every epoch of its budget. */
    COMPLETED,
    /** Early stopping ended it: the monitored metric stopped improving for {@code patience} epochs. */
    EARLY_STOPPED,
    /** The loss became NaN or infinite; the run was stopped and its metrics are not comparable. */
    DIVERGED,
    /** The user interrupted it (Ctrl-C) or a time budget ran out. */
    INTERRUPTED
}
