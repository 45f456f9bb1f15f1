package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.RegzooException;
import io.regzoo.train.EpochMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The child-JVM side of parallel trials ({@link ExperimentRunner.Builder#workers(int)}): a process
 * that runs the trials its parent sends, one at a time, and reports back. Not meant to be started
 * by hand.
 *
 * <p>Arguments: the run's output directory (its {@code spec.json} is the experiment) and whether to
 * save models. The parent writes one line per trial to standard input,
 * {@code trial<TAB>model<TAB>variant<TAB>seed}, and closes it when there is no more work. The worker
 * answers on standard output with lines starting with {@value #PREFIX}: {@code ready} once, then per
 * trial throttled {@code iter} lines, one {@code epoch} line per epoch (the {@link EpochMetrics} as
 * JSON), {@code warn} lines, and finally {@code result} with the {@link TrialResult} as one JSON
 * line; or {@code error} with a one-line message, after which it exits (the data could not be
 * loaded, for instance). Any other output (native libraries print to standard output) is not part
 * of the protocol; the parent passes it on to standard error. The worker ignores SIGINT: on Ctrl-C
 * the parent decides, and kills its workers. A worker whose parent process ends (even by
 * {@code kill -9}) exits at once.
 */
public final class TrialWorker {

    /** Start of every protocol line on standard output. */
    static final String PREFIX = "@regzoo\t";
    /**
     * Test hook: a worker started with this system property set to a trial id halts (exit status
     * 7, like a crash) when asked to run that trial.
     */
    static final String HALT_ON_TRIAL_PROPERTY = "regzoo.test.haltOnTrial";
    /** Minimum time between two {@code iter} lines. */
    private static final long ITER_EVERY_NANOS = 200_000_000L;

    private final PrintStream proto;
    private long lastIter;

    private TrialWorker(PrintStream proto) {
        this.proto = proto;
    }

    /**
     * Runs the worker until standard input ends.
     *
     * @param args the output directory, and {@code true}/{@code false} for saving models
     */
    @SuppressWarnings("sunapi") // sun.misc.Signal: the only way to ignore SIGINT in a JVM
    public static void main(String[] args) {
        PrintStream proto = System.out;
        System.setOut(System.err); // stray prints must not corrupt the protocol
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // SIGINT reserved (-Xrs): Ctrl-C then also stops this worker, which the parent treats as an interrupt
        }
        // A parent killed with -9 cannot kill its workers: they go too, rather than train for nobody.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        TrialWorker w = new TrialWorker(proto);
        int status;
        try {
            w.serve(args);
            status = 0;
        } catch (RegzooException e) {
            w.send("error", oneLine(e.getMessage()));
            status = 2;
        } catch (RuntimeException | IOException | Error e) {
            e.printStackTrace();
            w.send("error", oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
            status = 1;
        }
        proto.flush();
        System.exit(status);
    }

    private void serve(String[] args) throws IOException {
        if (args.length != 2) {
            throw new RegzooException("usage: TrialWorker OUT_DIR SAVE_MODELS(true|false)");
        }
        Path out = Path.of(args[0]);
        ExperimentSpec spec = ExperimentSpec.load(out.resolve("spec.json").toString());
        ExperimentRunner runner = ExperimentRunner.builder().spec(spec).outDir(out)
                .saveModels(Boolean.parseBoolean(args[1])).listener(new Events()).warnings(m -> send("warn", oneLine(m)))
                .build();
        DataSource source = runner.dataSource();
        send("ready", "");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            String[] f = line.split("\t", -1);
            if (f.length != 4 || !"trial".equals(f[0])) {
                throw new RegzooException("trial worker: unexpected request '" + line + "'");
            }
            ExperimentRunner.Trial t = new ExperimentRunner.Trial(f[1], f[2], Long.parseLong(f[3]));
            if (t.id().equals(System.getProperty(HALT_ON_TRIAL_PROPERTY))) {
                Runtime.getRuntime().halt(7);
            }
            TrialResult r = runner.runTrial(t, source);
            if (r == null) {
                return; // interrupted; the parent does not wait for this trial
            }
            send("result", ResultsStore.toJsonLine(r));
        }
    }

    private synchronized void send(String type, String payload) {
        proto.print(PREFIX + type + "\t" + payload + "\n");
        proto.flush();
        if (proto.checkError()) {
            System.exit(3); // the parent is gone: nobody would record this trial
        }
    }

    private static String oneLine(String s) {
        return Objects.toString(s, "(no message)").replaceAll("\\s*\\R\\s*", " ");
    }

    /** Forwards the runner's progress to the parent. */
    private final class Events implements RunListener {
        @Override
        public void onIteration(String trialId, int epoch, int iteration, int perEpoch, double score) {
            long now = System.nanoTime();
            if (now - lastIter >= ITER_EVERY_NANOS) {
                lastIter = now;
                send("iter", trialId + "\t" + epoch + "\t" + iteration + "\t" + perEpoch + "\t" + score);
            }
        }

        @Override
        public void onEpoch(String trialId, EpochMetrics m) {
            try {
                send("epoch", trialId + "\t" + ResultsStore.mapper().writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write epoch metrics as JSON", e);
            }
        }
    }
}
