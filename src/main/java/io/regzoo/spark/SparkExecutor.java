package io.regzoo.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.TrialCodec;
import io.regzoo.experiment.TrialExecutor;
import io.regzoo.experiment.TrialProvenance;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialSink;
import io.regzoo.experiment.TrialTask;
import io.regzoo.experiment.Variant;
import io.regzoo.train.Provenance;
import io.regzoo.zoo.LayerHelpers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs trials on an Apache Spark cluster: one Spark job of one task per trial, submitted from the
 * driver (this JVM) while the cluster has a free task slot, so that as many trials run at once as the
 * cluster has slots ({@code executor cores / spark.task.cpus}), as Hyperopt's {@code SparkTrials} does.
 * Each task runs a {@link SparkTrial} (a {@code TrialRunner} on the executor) and returns only a
 * {@link SparkReply}; the driver hands the result to the {@link TrialSink}, which appends it to
 * {@code results.jsonl} — only the driver writes there, so resume, the run lock and kill safety are the
 * local engine's. A trained network travels back as bytes and is saved by the driver.
 *
 * <p>{@code spark.task.cpus} is the trial's native thread count: each executor gets
 * {@code OMP_NUM_THREADS} equal to it. Faults: an executor that dies mid-trial makes Spark run the task
 * again elsewhere (up to {@code spark.task.maxFailures}, 4 on a cluster), and the trial is recorded once,
 * from the attempt that finished (its provenance names the attempt and host); a trial that fails by
 * itself comes back as a {@code failed} or {@code diverged} result and is not retried; a task that fails
 * every attempt is recorded as failed with Spark's reason; when the calling thread is interrupted
 * (Ctrl-C) the run's job group is cancelled, the unfinished trials are not recorded, and this returns
 * true.
 *
 * <p>The executor owns the Spark context it starts on first use; {@link #close()} stops it.
 */
public final class SparkExecutor implements TrialExecutor, AutoCloseable {

    /** Spark settings this executor sets unless the caller gave them. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "spark.ui.enabled", "false",
            "spark.executor.memory", "2g",
            "spark.executor.extraJavaOptions", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
    private static final long POLL_MILLIS = 50;

    private final String master;
    private final int taskCpus;
    private final Map<String, String> settings;
    private JavaSparkContext context;

    private SparkExecutor(String master, int taskCpus, Map<String, String> settings) {
        this.master = Objects.requireNonNull(master, "master");
        if (taskCpus < 1) {
            throw new IllegalArgumentException("--task-cpus must be at least 1, got " + taskCpus);
        }
        this.taskCpus = taskCpus;
        this.settings = Map.copyOf(settings);
    }

    /**
     * An executor for a cluster; the Spark context starts on the first {@link #execute}.
     *
     * @param master the Spark master URL: {@code local[N]}, {@code spark://host:7077}, {@code yarn},
     *     {@code k8s://https://host:port}
     * @param taskCpus cores per trial: {@code spark.task.cpus} and the executors' {@code OMP_NUM_THREADS}
     * @param settings further Spark settings ({@code spark.*} keys), which win over this class's defaults
     * @return the executor
     * @throws IllegalArgumentException when {@code taskCpus < 1}
     */
    public static SparkExecutor create(String master, int taskCpus, Map<String, String> settings) {
        return new SparkExecutor(master, taskCpus, settings);
    }

    /** @return the master URL */
    public String master() {
        return master;
    }

    /**
     * The Spark configuration this executor starts its context with: the defaults (no web UI, 2 GiB
     * executors, executors on this JVM's class path when the driver was not started by
     * {@code spark-submit}, loopback addresses for a loopback master), then the caller's settings.
     *
     * @return the configuration
     */
    public SparkConf conf() {
        SparkConf c = new SparkConf(true).setMaster(master).setAppName("regzoo");
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.put("spark.task.cpus", Integer.toString(taskCpus));
        all.put("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(taskCpus));
        String helpers = System.getProperty(LayerHelpers.DISABLE_PROPERTY);
        if (helpers != null) {
            // the executors train with DL4J's oneDNN helpers exactly when the driver would (the CLI switches them
            // on), so a trial gives the same numbers on either engine
            all.put("spark.executor.extraJavaOptions", DEFAULTS.get("spark.executor.extraJavaOptions") + " -D"
                    + LayerHelpers.DISABLE_PROPERTY + "=" + helpers);
        }
        if (!c.contains("spark.jars") && !master.startsWith("local")) {
            // started directly (./regzoo ... --engine spark), not by spark-submit: executors load regzoo from
            // the same paths as this JVM (a shared checkout or the same image on every worker)
            all.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        if (isLoopback(master)) {
            all.put("spark.driver.host", "127.0.0.1");
            all.put("spark.driver.bindAddress", "127.0.0.1");
        }
        all.putAll(settings);
        all.forEach((k, v) -> {
            if (!c.contains(k) || settings.containsKey(k)) {
                c.set(k, v);
            }
        });
        return c;
    }

    private static boolean isLoopback(String master) {
        String m = master.toLowerCase(Locale.ROOT);
        return m.startsWith("local") || m.startsWith("spark://127.") || m.startsWith("spark://localhost");
    }

    private synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(conf());
        }
        return context;
    }

    /** @return how many trials may run at once: the cluster's cores divided by the cores per trial, at least 1 */
    private int slots(JavaSparkContext sc) {
        return Math.max(1, sc.defaultParallelism() / taskCpus);
    }

    @Override
    public boolean execute(List<TrialTask> tasks, TrialSink sink) {
        if (tasks.isEmpty()) {
            return false;
        }
        JavaSparkContext sc = context();
        String group = "regzoo-" + UUID.randomUUID();
        sc.setJobGroup(group, "regzoo trials", true);
        SparkTrial fn = new SparkTrial(master);
        Iterator<TrialTask> next = tasks.iterator();
        Map<TrialTask, JavaFutureAction<List<SparkReply>>> running = new LinkedHashMap<>();
        boolean submitting = true;
        boolean ok = false;
        try {
            while (true) {
                while (submitting && next.hasNext() && running.size() < slots(sc)) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException();
                    }
                    TrialTask t = next.next();
                    if (!sink.started(t)) {
                        submitting = false; // no new trials (e.g. a time budget is spent); running ones finish
                        break;
                    }
                    running.put(t, sc.parallelize(List.of(t), 1).map(fn).collectAsync());
                }
                if (running.isEmpty()) {
                    ok = true;
                    return false;
                }
                if (!collectFinished(running, sink)) {
                    ok = true;
                    return false; // the sink closed
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // as the local engine leaves it: the caller sees why it stopped
            return true;
        } finally {
            if (!ok || !running.isEmpty()) {
                sc.cancelJobGroup(group); // interrupted, the sink closed, or recording threw
            }
            sc.clearJobGroup();
        }
    }

    /**
     * Waits up to a poll interval for a running trial to finish and records every finished one.
     *
     * @return false when the sink closed
     */
    private boolean collectFinished(Map<TrialTask, JavaFutureAction<List<SparkReply>>> running, TrialSink sink)
            throws InterruptedException {
        JavaFutureAction<List<SparkReply>> first = running.values().iterator().next();
        try {
            first.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // finished with an error (handled below), or still running
        }
        List<TrialTask> done = new ArrayList<>();
        for (Map.Entry<TrialTask, JavaFutureAction<List<SparkReply>>> e : running.entrySet()) {
            if (e.getValue().isDone()) {
                done.add(e.getKey());
            }
        }
        for (TrialTask t : done) {
            JavaFutureAction<List<SparkReply>> f = running.remove(t);
            TrialResult r;
            try {
                r = resultOf(t, f.get().get(0), sink);
            } catch (ExecutionException ex) {
                String msg = "its Spark task failed on every attempt: " + oneLine(rootMessage(ex.getCause()));
                sink.warn("trial " + t.id() + " failed: " + msg);
                r = failed(t, msg);
            }
            if (r == null) {
                continue; // cancelled on the executor: not recorded
            }
            if (!sink.record(r)) {
                return false;
            }
        }
        return true;
    }

    /** The result in a reply; saves the network the reply carries; {@code null} when the task was cancelled. */
    private static TrialResult resultOf(TrialTask t, SparkReply reply, TrialSink sink) {
        reply.warnings().forEach(sink::warn);
        if (reply.environmentError() != null) {
            throw new RegzooException("trial " + t.id() + " cannot run on executor host " + reply.host() + ": "
                    + reply.environmentError());
        }
        if (!reply.hasResult()) {
            return null;
        }
        TrialResult r;
        try {
            r = TrialCodec.fromJson(reply.resultJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable result of trial " + t.id() + " from " + reply.host(), e);
        }
        if (reply.model() != null && t.modelFile() != null) {
            AtomicFiles.write(Path.of(t.modelFile()), reply.model());
        }
        return r;
    }

    private TrialResult failed(TrialTask t, String msg) {
        ExperimentSpec spec = ExperimentSpec.parse(t.specJson(), "trial task");
        TrialProvenance prov = TrialProvenance.builder().experiment(spec, t.trial().seed(), t.trial().variant())
                .environment(Provenance.environment()).build()
                .withExecutor(new io.regzoo.provenance.ExecutorProvenance("spark", master, null, null, null));
        Variant v = spec.variants().get(t.trial().variant());
        return TrialResult.failed(t.trial(), msg, 0, v == null ? null : v.regularization(), prov);
    }

    private static String rootMessage(Throwable t) {
        String m = t == null ? null : t.getMessage();
        return m == null ? String.valueOf(t) : m;
    }

    private static String oneLine(String s) {
        String one = s.replaceAll("\\s*\\R\\s*", " ");
        return one.length() > 400 ? one.substring(0, 400) + " …" : one;
    }

    /**
     * A result with another provenance.
     *
     * @param r the result
     * @param p its new provenance
     * @return a copy of {@code r} with {@code p}
     */
    static TrialResult withProvenance(TrialResult r, TrialProvenance p) {
        return new TrialResult(r.trialId(), r.model(), r.variant(), r.seed(), r.trainSize(), r.status(), r.stopReason(), r.epochsRun(),
                r.bestEpoch(), r.history(), r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(),
                r.weightNorm(), r.nearZeroFraction(), r.calibrationError(), r.weightSample(), r.seconds(), r.message(),
                r.regularization(), p);
    }

    /** Stops the Spark context, if this executor started one. */
    @Override
    public synchronized void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }
}
