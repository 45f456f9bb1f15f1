package io.regzoo.experiment;

/** Test hook: a listener that "kills" the run (throws) once some trials were recorded. */
final class KillSwitch implements RunListener {

    /** Thrown to simulate a run killed after some trials were recorded. */
    static final class SimulatedKill extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedKill(int recorded) {
            super("simulated kill after " + recorded + " recorded trials");
        }
    }

    private final int after;

    private KillSwitch(int after) {
        this.after = after;
    }

    /**
     * @param recorded trials to record before the kill
     * @return a listener that throws {@link SimulatedKill} when the run has recorded that many
     */
    static KillSwitch after(int recorded) {
        return new KillSwitch(recorded);
    }

    @Override
    public void onTrialEnd(TrialResult result, int index, int toRun) {
        if (index >= after) {
            throw new SimulatedKill(index);
        }
    }
}
