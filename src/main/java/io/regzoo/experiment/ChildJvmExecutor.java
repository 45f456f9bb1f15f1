package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.train.ChildJvm;
import io.regzoo.train.Provenance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs trials in {@code n} child JVMs ({@link TrialWorker}, started by {@link ChildJvm}) at once,
 * one thread per child in this JVM feeding it tasks from a shared queue in grid order. Tasks go to a
 * child and results come back as {@link WorkerMessage}s; results, progress and warnings go to the
 * {@link TrialSink}. Each child gets {@code max(1, cores / n)} OpenMP threads and {@code 1/n} of this
 * JVM's maximum heap (at least 1 GiB), and reads its data through the default
 * {@link DataSources}. A child that dies mid-trial records that trial as {@code failed} and is
 * replaced; exit status 130 (Ctrl-C reached it) stops the run as an interrupt.
 *
 * <p>By default the children exit at the end of each {@link #execute} call. An executor made with
 * {@link #keepingWorkers(int)} keeps them running between calls instead, so a caller that executes
 * many small batches (a sweep's scheduler asks for a few units at a time) pays for a JVM start and
 * for loading its data once per child, not once per batch; {@link #close()} then ends them.
 */
public final class ChildJvmExecutor implements TrialExecutor, AutoCloseable {

    private final int size;
    private final int share;
    private final boolean keepAlive;
    private final Object lock = new Object();
    private final List<Worker> live = new ArrayList<>();
    /** Children kept running between {@link #execute} calls; guarded by {@link #live}. */
    private final Deque<Worker> idle = new ArrayDeque<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean stop;
    private volatile boolean interrupted;
    private volatile Throwable failure;

    /**
     * An executor with {@code n} child JVMs.
     *
     * @param n child JVMs at once
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public ChildJvmExecutor(int n) {
        this(n, n, false);
    }

    private ChildJvmExecutor(int n, int share, boolean keepAlive) {
        if (n < 1 || share < n) {
            throw new IllegalArgumentException("need at least one worker JVM, got " + n + " (of " + share + ")");
        }
        this.size = n;
        this.share = share;
        this.keepAlive = keepAlive;
    }

    /**
     * An executor with {@code n} child JVMs that stay alive between {@link #execute} calls, until
     * {@link #close()}. A child that failed, or any child when a run stopped early, is not kept.
     *
     * @param n child JVMs at once
     * @return the executor; close it when done
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static ChildJvmExecutor keepingWorkers(int n) {
        return new ChildJvmExecutor(n, n, true);
    }

    /**
     * An executor with one child JVM, kept alive between calls like {@link #keepingWorkers(int)},
     * that is one of {@code n} such executors running side by side (a sweep's lanes): its child gets
     * {@code max(1, cores / n)} OpenMP threads and {@code 1/n} of this JVM's maximum heap.
     *
     * @param n how many such executors share this machine
     * @return the executor; close it when done
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static ChildJvmExecutor keepingOneOf(int n) {
        return new ChildJvmExecutor(1, n, true);
    }

    /**
     * Ends the children kept between calls: closes their input, so each exits after its current
     * task (there is none between calls), and waits for them. Idempotent; an executor that does not
     * keep workers has none to end.
     */
    @Override
    public void close() {
        List<Worker> all;
        synchronized (live) {
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(Worker::exitStatus);
    }

    /**
     * How many children are running between calls (for tests).
     *
     * @return the number of idle children
     */
    int idleWorkers() {
        synchronized (live) {
            return idle.size();
        }
    }

    @Override
    public boolean execute(List<TrialTask> tasks, TrialSink sink) {
        next.set(0);
        stop = false;
        interrupted = false;
        failure = null;
        int threads = Math.min(size, Math.max(1, tasks.size()));
        ExecutorService ex = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "regzoo-worker-feeder");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(ex.submit(() -> feedGuarded(tasks, sink)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException e) {
            failOnce(e.getCause()); // not expected: feedGuarded catches everything
        } finally {
            if (keepAlive && !interrupted && failure == null) {
                stopBusy(); // the kept children are idle; any other one was left by a feeder that broke off
            } else {
                stopAll();
            }
            ex.shutdownNow();
            try {
                ex.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // as the in-process run leaves it: the caller sees why it stopped
        }
        Throwable f = failure;
        if (f != null && !interrupted) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error er) {
                throw er;
            }
            throw new RegzooException("parallel trials failed: " + f.getMessage(), f);
        }
        return interrupted;
    }

    private void failOnce(Throwable t) {
        synchronized (lock) {
            if (failure == null && !stop) {
                failure = t;
            }
        }
        stopAll();
    }

    private void stopAll() {
        stop = true;
        List<Worker> all;
        synchronized (live) {
            all = new ArrayList<>(live);
            idle.clear();
        }
        all.forEach(Worker::kill);
    }

    /** Ends every child that is not kept idle for the next call. */
    private void stopBusy() {
        stop = true;
        List<Worker> busy;
        synchronized (live) {
            busy = new ArrayList<>(live);
            busy.removeAll(idle);
        }
        busy.forEach(Worker::kill);
    }

    private Void feedGuarded(List<TrialTask> tasks, TrialSink sink) {
        try {
            feed(tasks, sink);
        } catch (Throwable t) { // the first real failure stops the other feeders and is rethrown by execute()
            failOnce(t);
        }
        return null;
    }

    /** One feeder thread: owns one child JVM at a time and gives it tasks until there are none. */
    private void feed(List<TrialTask> tasks, TrialSink sink) throws IOException {
        Worker w = null;
        try {
            while (!stop) {
                int i = next.getAndIncrement();
                if (i >= tasks.size()) {
                    break;
                }
                TrialTask t = tasks.get(i);
                if (w == null) {
                    w = reuseOrStart(sink);
                }
                if (!sink.started(t)) {
                    break; // the sink starts no more tasks (e.g. a time budget is spent); running ones finish
                }
                TrialResult r = w.run(t);
                if (r == null) {
                    int code = w.exitStatus();
                    w = null;
                    if (stop || code == 130) {
                        interrupted |= code == 130;
                        stop = true;
                        break; // interrupted: the unfinished trial is not recorded, as in-process
                    }
                    String msg = died(code);
                    sink.warn("trial " + t.id() + " failed: " + msg);
                    r = died(t, msg);
                }
                if (!sink.record(r)) {
                    break;
                }
            }
        } finally {
            if (w != null) {
                release(w);
            }
        }
    }

    /** A kept child, bound to this call's sink, or a new one. */
    private Worker reuseOrStart(TrialSink sink) throws IOException {
        synchronized (live) {
            Worker w = idle.pollFirst();
            if (w != null && w.process.isAlive()) {
                w.sink = sink;
                return w;
            }
            if (w != null) {
                live.remove(w);
            }
        }
        return start(sink);
    }

    /** The end of one feeder's work: keeps the child for the next call, or lets it exit. */
    private void release(Worker w) {
        if (keepAlive && !stop && w.process.isAlive()) {
            synchronized (live) {
                if (live.contains(w)) {
                    idle.addLast(w);
                    return;
                }
            }
        }
        w.finish();
    }

    /**
     * Why a worker JVM ended during a trial, from what its exit status can tell: killed by a signal
     * (status 128 + N on Linux and macOS) or exited with a status.
     *
     * @param code the worker's exit status
     * @return the reason, for the failed trial's message
     */
    static String died(int code) {
        if (code > 128 && code < 160) {
            int sig = code - 128;
            String name = switch (sig) {
                case 9 -> "SIGKILL: kill -9, or the kernel's out-of-memory killer";
                case 15 -> "SIGTERM";
                case 6 -> "SIGABRT: an abort in native code";
                case 11 -> "SIGSEGV: a crash in native code";
                default -> "signal " + sig;
            };
            return "its worker JVM was killed by signal " + sig + " (" + name + ") during the trial (exit status "
                    + code + ")";
        }
        return "its worker JVM exited with status " + code + " during the trial";
    }

    private static TrialResult died(TrialTask t, String msg) {
        ExperimentSpec spec = ExperimentSpec.parse(t.specJson(), "trial task");
        TrialProvenance prov = TrialProvenance.builder().experiment(spec, t.trial().seed(), t.trial().variant())
                .environment(Provenance.environment()).build();
        Variant v = spec.variants().get(t.trial().variant());
        return TrialResult.failed(t.trial(), msg, 0, v == null ? null : v.regularization(), prov);
    }

    /** Starts a child JVM and waits for its {@code ready} message. */
    private Worker start(TrialSink sink) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        long heapMb = Math.max(1024, Runtime.getRuntime().maxMemory() / share / (1024 * 1024));
        Process p = ChildJvm.builder(TrialWorker.class).heapMb(heapMb).ompThreads(Math.max(1, cores / share)).build()
                .start();
        Worker w = new Worker(p, sink);
        synchronized (live) {
            if (stop) {
                w.kill();
                throw new IOException("the run is stopping");
            }
            live.add(w);
        }
        w.awaitReady();
        return w;
    }

    /** One child JVM and its pipes. */
    private final class Worker {
        private final Process process;
        private volatile TrialSink sink;
        private final Writer toChild;
        private final BufferedReader fromChild;

        Worker(Process process, TrialSink sink) {
            this.process = process;
            this.sink = sink;
            this.toChild = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void awaitReady() throws IOException {
            for (WorkerMessage m; (m = nextMessage()) != null;) {
                if (m instanceof WorkerMessage.Ready) {
                    return;
                }
                handle(m);
            }
            throw new RegzooException("a trial worker JVM exited while starting (status " + exitStatus()
                    + "); its messages are above");
        }

        /** Runs one task; {@code null} when the child died first. */
        TrialResult run(TrialTask t) throws IOException {
            try {
                toChild.write(WorkerMessage.encode(new WorkerMessage.Run(t)) + "\n");
                toChild.flush();
            } catch (IOException e) {
                return null; // the child is gone; its exit status says why
            }
            for (WorkerMessage m; (m = nextMessage()) != null;) {
                if (m instanceof WorkerMessage.Result r) {
                    return r.result();
                }
                handle(m);
            }
            return null;
        }

        /** The next protocol message; other output goes to standard error. */
        private WorkerMessage nextMessage() throws IOException {
            for (String line; (line = readLine()) != null;) {
                WorkerMessage m = WorkerMessage.decode(line);
                if (m != null) {
                    return m;
                }
                System.err.println(line);
            }
            return null;
        }

        private String readLine() {
            try {
                return fromChild.readLine();
            } catch (IOException e) {
                return null; // the pipe broke: the child is gone
            }
        }

        private void handle(WorkerMessage m) {
            if (m instanceof WorkerMessage.Iteration it) {
                sink.progress().onIteration(it.trialId(), it.epoch(), it.iteration(), it.iterationsPerEpoch(), it.score());
            } else if (m instanceof WorkerMessage.Epoch e) {
                sink.progress().onEpoch(e.trialId(), e.metrics());
            } else if (m instanceof WorkerMessage.Warning w) {
                sink.warn(w.text());
            } else if (m instanceof WorkerMessage.Failure f) {
                throw new RegzooException(f.text());
            } else {
                throw new IllegalStateException("trial worker sent an unexpected " + m.getClass().getSimpleName());
            }
        }

        int exitStatus() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already closed
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return process.waitFor();
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return -1;
            } finally {
                forget();
            }
        }

        /** No more work: closes the child's input so it exits, and waits for it. */
        void finish() {
            if (!stop) {
                exitStatus();
            } else {
                kill();
            }
        }

        void kill() {
            process.destroyForcibly();
            forget();
        }

        private void forget() {
            synchronized (live) {
                live.remove(this);
                idle.remove(this);
            }
        }
    }
}
