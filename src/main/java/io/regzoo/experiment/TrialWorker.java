package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.RegzooException;
import io.regzoo.train.ChildJvm;
import io.regzoo.train.EpochMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The child-JVM side of {@link ChildJvmExecutor}: a process that runs the tasks its parent sends,
 * one at a time, with a {@link TrialRunner} on the default {@link DataSources}, and reports back.
 * Not meant to be started by hand. It speaks {@link WorkerMessage}s: it reads {@code run} messages
 * from standard input until that closes and writes its messages to standard output. Any other
 * output (native libraries print to standard output) is not part of the protocol; the parent passes
 * it on to standard error. The worker ignores SIGINT: on Ctrl-C the parent decides, and kills its
 * workers. A worker whose parent process ends (even by {@code kill -9}) exits at once.
 */
public final class TrialWorker {

    /**
     * Test hook: a worker started with this system property set to a trial id halts (exit status
     * 7, like a crash) when asked to run that trial.
     */
    static final String HALT_ON_TRIAL_PROPERTY = "regzoo.test.haltOnTrial";
    /** Minimum time between two {@code iteration} messages. */
    private static final long ITER_EVERY_NANOS = 200_000_000L;

    private final PrintStream proto;
    private long lastIter;

    private TrialWorker(PrintStream proto) {
        this.proto = proto;
    }

    /**
     * Runs the worker until standard input ends.
     *
     * @param args none
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
        ChildJvm.exitWithParent(4);
        TrialWorker w = new TrialWorker(proto);
        int status;
        try {
            w.serve();
            status = 0;
        } catch (RegzooException e) {
            w.send(new WorkerMessage.Failure(oneLine(e.getMessage())));
            status = 2;
        } catch (RuntimeException | IOException | Error e) {
            e.printStackTrace();
            w.send(new WorkerMessage.Failure(oneLine(e.getClass().getSimpleName() + ": " + e.getMessage())));
            status = 1;
        }
        proto.flush();
        System.exit(status);
    }

    private void serve() throws IOException {
        TrialRunner runner = new TrialRunner(DataSources.defaults(), m -> send(new WorkerMessage.Warning(oneLine(m))));
        RunListener events = new Events();
        send(new WorkerMessage.Ready(ProcessHandle.current().pid()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            WorkerMessage m;
            try {
                m = WorkerMessage.decode(line);
            } catch (JsonProcessingException e) {
                throw new RegzooException("trial worker: unreadable request (" + e.getOriginalMessage() + ")", e);
            }
            if (!(m instanceof WorkerMessage.Run run)) {
                throw new RegzooException("trial worker: unexpected request '" + line + "'");
            }
            TrialTask t = run.task();
            if (t.id().equals(System.getProperty(HALT_ON_TRIAL_PROPERTY))) {
                Runtime.getRuntime().halt(7);
            }
            Optional<TrialOutcome> o = runner.run(t, events);
            if (o.isEmpty()) {
                return; // interrupted; the parent does not wait for this trial
            }
            send(new WorkerMessage.Result(o.get().result()));
        }
    }

    private synchronized void send(WorkerMessage m) {
        proto.print(WorkerMessage.encode(m) + "\n");
        proto.flush();
        if (proto.checkError()) {
            System.exit(3); // the parent is gone: nobody would record this trial
        }
    }

    private static String oneLine(String s) {
        return Objects.toString(s, "(no message)").replaceAll("\\s*\\R\\s*", " ");
    }

    /** Forwards a trial's progress to the parent. */
    private final class Events implements RunListener {
        @Override
        public void onIteration(String trialId, int epoch, int iteration, int perEpoch, double score) {
            long now = System.nanoTime();
            if (now - lastIter >= ITER_EVERY_NANOS) {
                lastIter = now;
                send(new WorkerMessage.Iteration(trialId, epoch, iteration, perEpoch, score));
            }
        }

        @Override
        public void onEpoch(String trialId, EpochMetrics m) {
            send(new WorkerMessage.Epoch(trialId, m));
        }
    }
}
