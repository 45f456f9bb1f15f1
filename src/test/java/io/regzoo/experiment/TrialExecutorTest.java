package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.ChildJvm;
import io.regzoo.train.EpochMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor seam: tasks as values, results as records, one sink, a typed worker protocol. */
class TrialExecutorTest {

    private static ExperimentSpec spec() {
        return ExperimentSpec.builder("seam")
                .dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
                .seeds(1, 2).epochs(2).batchSize(8).optimizer(Optimizer.sgd(0.1))
                .build();
    }

    /** Like a remote executor: every task crosses a serialization boundary, results come back as JSON text. */
    private static final class SerializingExecutor implements TrialExecutor {
        final List<String> wire = new ArrayList<>();

        @Override
        public boolean execute(List<TrialTask> tasks, TrialSink sink) {
            TrialRunner remote = new TrialRunner(DataSources.defaults(), sink::warn);
            for (TrialTask t : tasks) {
                sink.started(t);
                TrialTask there = roundTrip(t);
                Optional<TrialOutcome> o = remote.run(there, RunListener.NONE);
                String json = TrialCodec.toJson(o.orElseThrow().result());
                wire.add(json);
                try {
                    if (!sink.record(TrialCodec.fromJson(json))) {
                        return false;
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }
    }

    static TrialTask roundTrip(TrialTask t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(t);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (TrialTask) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPluggedInExecutorRecordsTheSameResultsAsTheInProcessOne(@TempDir Path tmp) {
        RunSummary local = ExperimentRunner.builder().spec(spec()).outDir(tmp.resolve("local")).warnings(w -> { })
                .build().run();
        SerializingExecutor ex = new SerializingExecutor();
        List<Integer> ends = new ArrayList<>();
        RunSummary remote = ExperimentRunner.builder().spec(spec()).outDir(tmp.resolve("remote")).executor(ex)
                .listener(new RunListener() {
                    @Override
                    public void onTrialEnd(TrialResult result, int index, int toRun) {
                        ends.add(index);
                    }
                })
                .warnings(w -> { }).build().run();
        assertEquals(4, remote.ran());
        assertEquals(List.of(1, 2, 3, 4), ends);
        assertEquals(4, ex.wire.size());
        for (int i = 0; i < 4; i++) {
            TrialResult a = local.results().get(i);
            TrialResult b = remote.results().get(i);
            assertEquals(a.trialId(), b.trialId());
            assertEquals(TrialStatus.OK, b.status());
            assertEquals(a.testLoss(), b.testLoss(), 1e-9);
            assertEquals(a.regularization(), b.regularization());
            assertEquals(a.history().size(), b.history().size());
            assertEquals(a.history().get(1).valLoss(), b.history().get(1).valLoss(), 1e-9);
        }
    }

    @Test
    void aTaskIsASmallSerializableValue() {
        TrialTask t = TrialTask.of(spec(), new Trial("linear-regression", "l2", 2), Path.of("/tmp/m.zip"));
        TrialTask back = roundTrip(t);
        assertEquals(t, back);
        assertEquals("linear-regression/l2/2", back.id());
        assertEquals(spec(), ExperimentSpec.parse(back.specJson(), "task"));
        assertNull(TrialTask.of(spec(), new Trial("linear-regression", "l2", 2), null).modelFile());
    }

    @Test
    void workerMessagesAreOneJsonLineEach() throws Exception {
        TrialTask task = TrialTask.of(spec(), new Trial("linear-regression", "baseline", 1), null);
        TrialResult r = TrialResult.failed(task.trial(), "boom", 0.5, Regularization.builder().l2(0.1).build(),
                TrialProvenance.builder().seed(1).build());
        List<WorkerMessage> all = List.of(new WorkerMessage.Ready(42), new WorkerMessage.Run(task),
                new WorkerMessage.Iteration("a/b/1", 1, 2, 3, Double.NaN),
                new WorkerMessage.Epoch("a/b/1", new EpochMetrics(1, 0.5, Double.NaN, 0.4, Double.NaN, 0.1, 2, 0, 1)),
                new WorkerMessage.Warning("careful"), new WorkerMessage.Result(r), new WorkerMessage.Failure("no data"));
        for (WorkerMessage m : all) {
            String line = WorkerMessage.encode(m);
            assertTrue(line.startsWith(WorkerMessage.PREFIX), line);
            assertFalse(line.contains("\n"), line);
            WorkerMessage back = WorkerMessage.decode(line);
            assertInstanceOf(m.getClass(), back);
            if (m instanceof WorkerMessage.Iteration) {
                assertTrue(Double.isNaN(((WorkerMessage.Iteration) back).score()));
            } else {
                assertEquals(m, back, line);
            }
        }
        assertTrue(WorkerMessage.encode(all.get(0)).contains("\"type\":\"ready\""));
        assertNull(WorkerMessage.decode("OpenBLAS warning: something native"));
    }

    @Test
    void theChildJvmLauncherBuildsOneCommandLine() {
        ChildJvm jvm = ChildJvm.builder(TrialWorker.class).heapMb(1536).ompThreads(3)
                .systemProperty("regzoo.example", "x").args(List.of("a", "b")).build();
        List<String> cmd = jvm.command();
        assertTrue(cmd.get(0).endsWith("java"), cmd.toString());
        assertTrue(cmd.contains("-Xmx1536m") && cmd.contains("-Dregzoo.example=x"), cmd.toString());
        int cp = cmd.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(List.of(TrialWorker.class.getName(), "a", "b"), cmd.subList(cp + 2, cmd.size()));
        ProcessBuilder pb = jvm.processBuilder();
        assertEquals("3", pb.environment().get("OMP_NUM_THREADS"));
        assertTrue(pb.environment().containsKey("OMP_WAIT_POLICY"));
    }
}
