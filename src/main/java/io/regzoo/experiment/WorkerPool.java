package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.RegzooException;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Provenance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs trials in {@code n} child JVMs ({@link TrialWorker}) at once, one thread per child in this
 * JVM feeding it trials from a shared queue in grid order. Results come back over the child's
 * standard output and are appended here, by one thread at a time, to the {@link ResultsStore};
 * progress events are passed to the run's listener, also one at a time. Each child gets
 * {@code max(1, cores / n)} OpenMP threads ({@code OMP_NUM_THREADS}), {@code OMP_WAIT_POLICY=PASSIVE}
 * unless this process's environment sets a policy (idle OpenMP threads sleep instead of spinning
 * on the cores the other workers need), and {@code 1/n} of this JVM's maximum heap (at least 1 GiB).
 */
final class WorkerPool {

    /** What the pool did. */
    record Outcome(int ran, boolean interrupted) {}

    private final ExperimentRunner runner;
    private final int size;
    private final ResultsStore store;
    private final Object lock = new Object();
    private final List<Worker> live = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile boolean stop;
    /** Set (under {@code lock}) when the test hook simulates a kill; no result is appended after it. */
    private boolean simulatedKill;
    private volatile boolean interrupted;
    private volatile Throwable failure;

    WorkerPool(ExperimentRunner runner, int size, ResultsStore store) {
        this.runner = runner;
        this.size = size;
        this.store = store;
    }

    /** Runs every trial of {@code todo}; stops early when the calling thread is interrupted. */
    Outcome run(List<ExperimentRunner.Trial> todo) {
        ExecutorService ex = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "regzoo-worker-feeder");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            futures.add(ex.submit(() -> feedGuarded(todo)));
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
            stopAll();
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
        return new Outcome(finished.get(), interrupted);
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
        }
        all.forEach(Worker::kill);
    }

    private Void feedGuarded(List<ExperimentRunner.Trial> todo) {
        try {
            feed(todo);
        } catch (Throwable t) { // the first real failure stops the other feeders and is rethrown by run()
            failOnce(t);
        }
        return null;
    }

    /** One feeder thread: owns one child JVM at a time and gives it trials until there are none. */
    private void feed(List<ExperimentRunner.Trial> todo) throws IOException {
        Worker w = null;
        try {
            while (!stop) {
                int i = next.getAndIncrement();
                if (i >= todo.size()) {
                    break;
                }
                ExperimentRunner.Trial t = todo.get(i);
                if (w == null) {
                    w = start();
                }
                synchronized (lock) {
                    runner.listener().onTrialStart(t.id(), i + 1, todo.size(), runner.spec().epochs());
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
                    String msg = "its worker JVM exited with status " + code
                            + " during the trial (out of memory or a crash in native code?)";
                    runner.warnings().accept("trial " + t.id() + " failed: " + msg);
                    r = failed(t, msg);
                }
                synchronized (lock) {
                    if (simulatedKill) {
                        break; // the test hook "killed" this process: nothing more reaches the file
                    }
                    store.append(r);
                    int k = finished.incrementAndGet();
                    runner.listener().onTrialEnd(r, k, todo.size());
                    if (runner.stopAfterRecorded() >= 0 && k >= runner.stopAfterRecorded()) {
                        simulatedKill = true;
                        throw new ExperimentRunner.SimulatedKill(k);
                    }
                }
            }
        } finally {
            if (w != null) {
                w.finish();
            }
        }
    }

    private TrialResult failed(ExperimentRunner.Trial t, String msg) {
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("specName", runner.spec().name());
        prov.put("specHash", runner.spec().hash());
        prov.put("seed", Long.toString(t.seed()));
        prov.put("dataset", runner.spec().dataset().toString());
        prov.putAll(Provenance.environment());
        return new TrialResult(t.id(), t.model(), t.variant(), t.seed(), TrialResult.FAILED, null, 0, 0, List.of(),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), 0, msg, prov);
    }

    /** Starts a child JVM and waits for its {@code ready} line. */
    private Worker start() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        long heapMb = Math.max(1024, Runtime.getRuntime().maxMemory() / size / (1024 * 1024));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heapMb + "m");
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("regzoo.") || p.startsWith("org.slf4j.")) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--enable-native-access")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrialWorker.class.getName());
        cmd.add(runner.outDir().toAbsolutePath().toString());
        cmd.add(Boolean.toString(runner.saveModels()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(Math.max(1, cores / size)));
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Worker w = new Worker(pb.start());
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
        private final Writer toChild;
        private final BufferedReader fromChild;

        Worker(Process process) {
            this.process = process;
            this.toChild = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void awaitReady() throws IOException {
            for (String[] m; (m = nextMessage()) != null;) {
                if ("ready".equals(m[0])) {
                    return;
                }
                handle(m);
            }
            throw new RegzooException("a trial worker JVM exited while starting (status " + exitStatus()
                    + "); its messages are above");
        }

        /** Runs one trial; {@code null} when the child died first. */
        TrialResult run(ExperimentRunner.Trial t) throws IOException {
            try {
                toChild.write("trial\t" + t.model() + "\t" + t.variant() + "\t" + t.seed() + "\n");
                toChild.flush();
            } catch (IOException e) {
                return null; // the child is gone; its exit status says why
            }
            for (String[] m; (m = nextMessage()) != null;) {
                if ("result".equals(m[0])) {
                    return ResultsStore.fromJsonLine(m[1]);
                }
                handle(m);
            }
            return null;
        }

        /** The next protocol message as {type, payload}; other output goes to standard error. */
        private String[] nextMessage() throws IOException {
            for (String line; (line = readLine()) != null;) {
                if (line.startsWith(TrialWorker.PREFIX)) {
                    String rest = line.substring(TrialWorker.PREFIX.length());
                    int tab = rest.indexOf('\t');
                    return tab < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, tab), rest.substring(tab + 1)};
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

        private void handle(String[] m) throws JsonProcessingException {
            switch (m[0]) {
                case "iter" -> {
                    String[] f = m[1].split("\t");
                    synchronized (lock) {
                        runner.listener().onIteration(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                                Integer.parseInt(f[3]), Double.parseDouble(f[4]));
                    }
                }
                case "epoch" -> {
                    int tab = m[1].indexOf('\t');
                    EpochMetrics em = ResultsStore.mapper().readValue(m[1].substring(tab + 1), EpochMetrics.class);
                    synchronized (lock) {
                        runner.listener().onEpoch(m[1].substring(0, tab), em);
                    }
                }
                case "warn" -> runner.warnings().accept(m[1]);
                case "error" -> throw new RegzooException(m[1]);
                default -> throw new IllegalStateException("trial worker sent an unknown message: " + m[0]);
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
            }
        }
    }
}
