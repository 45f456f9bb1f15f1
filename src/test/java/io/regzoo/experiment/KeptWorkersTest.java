package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChildJvmExecutor#keepingWorkers(int)}: the same child JVMs run the tasks of several
 * {@code execute} calls (a sweep asks for a few units at a time), and {@link ChildJvmExecutor#close()}
 * ends them; the plain executor ends its children at the end of each call.
 */
@Tag("subprocess")
class KeptWorkersTest {

    private static final ExperimentSpec SPEC = TrialFaultTest.spec(1);

    private static List<TrialTask> tasks(long seed) {
        return SPEC.trialsOf(seed).stream().map(t -> TrialTask.of(SPEC, t, null)).toList();
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static TrialSink sink(Path dir, int toRun) {
        return new TrialSink(ResultsStore.open(dir.resolve(ResultsStore.FILE_NAME), w -> { }), new RunListener() { },
                w -> { }, toRun, 1);
    }

    @Test
    void keptWorkersRunTheNextCallsTasksAndCloseEndsThem(@TempDir Path dir) throws Exception {
        Set<Long> before = children();
        TrialSink sink = sink(dir, 4);
        try (ChildJvmExecutor ex = ChildJvmExecutor.keepingWorkers(2)) {
            assertFalse(ex.execute(tasks(1), sink));
            assertEquals(2, ex.idleWorkers(), "both children wait for the next call");
            Set<Long> first = children();
            first.removeAll(before);
            assertEquals(2, first.size(), first.toString());

            assertFalse(ex.execute(tasks(2), sink));
            Set<Long> second = children();
            second.removeAll(before);
            assertEquals(first, second, "the second call ran in the same two JVMs");
            assertEquals(4, sink.recorded());
            assertTrue(ResultsStore.open(dir.resolve(ResultsStore.FILE_NAME), w -> { }).results().stream()
                    .allMatch(r -> r.status() == TrialStatus.OK));
            ex.close();
            assertEquals(0, ex.idleWorkers());
            for (long pid : first) {
                ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            }
            Set<Long> after = children();
            after.retainAll(first);
            assertEquals(Set.of(), after, "close() ended the kept children");
        }
    }

    @Test
    void thePlainExecutorEndsItsChildrenAtTheEndOfEachCall(@TempDir Path dir) {
        Set<Long> before = children();
        ChildJvmExecutor ex = new ChildJvmExecutor(2);
        assertFalse(ex.execute(tasks(1), sink(dir, 2)));
        assertEquals(0, ex.idleWorkers());
        Set<Long> left = children();
        left.removeAll(before);
        assertEquals(Set.of(), left, "no child outlives the call");
    }
}
