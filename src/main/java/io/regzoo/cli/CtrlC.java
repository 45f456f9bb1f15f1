package io.regzoo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C: a SIGINT handler that interrupts the run instead of shutting the JVM down, so the
 * trainer stops after the current epoch (the unfinished trial is not recorded) and the command
 * goes on to render the report from the finished trials as usual. (Rendering charts inside a
 * shutdown hook fails: AWT registers hooks of its own.) A second Ctrl-C exits at once.
 */
final class CtrlC {
    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;

    /**
     * Installs the handler.
     *
     * @param runThread the thread running the trials
     * @param out the output folder (named in the message)
     * @param err where the message goes
     */
    CtrlC(Thread runThread, Path out, PrintWriter err) {
        SignalHandler before;
        try {
            before = Signal.handle(INT, sig -> {
                Signal.handle(INT, SignalHandler.SIG_DFL);
                err.println();
                err.println("regzoo: interrupted; stopping (a trial in progress is dropped, finished trials are in "
                        + out.resolve("results.jsonl") + "); Ctrl-C again quits at once");
                err.flush();
                runThread.interrupt();
            });
        } catch (IllegalArgumentException e) {
            before = null; // SIGINT is reserved here (e.g. -Xrs): Ctrl-C keeps its default; finished trials are kept anyway
        }
        this.previous = before;
    }

    /** Puts back the handler that was there before. */
    void restore() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
