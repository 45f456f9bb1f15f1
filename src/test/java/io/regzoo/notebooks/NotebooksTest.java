package io.regzoo.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook in {@code notebooks-java/} in Jupyter ({@code jupyter nbconvert
 * --execute}) on the Java kernel the build assembles ({@link Jupyter}), and fails on any error
 * cell, a notebook without a chart, or missing expected output. Executed copies go to
 * {@code target/notebooks/}; with {@code -Dregzoo.notebooks.inplace=true} the executed outputs
 * are written back into {@code notebooks-java/} (that is how the committed outputs are made).
 * Notebooks run two at a time ({@code -Dregzoo.notebooks.parallel=N} to change it).
 * Skipped, with the reason printed, where Jupyter is not installed; on CI ({@code CI} set) a
 * missing Jupyter fails instead, since .ci/run installs it.
 */
@Tag("notebook")
class NotebooksTest {

    static final Path DIR = Paths.get("notebooks-java");
    static final Duration PER_NOTEBOOK = Duration.ofMinutes(10);

    /** Text each notebook's outputs must contain: the numbers it exists to show. */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "01-linear-regression-weight-decay.ipynb", List.of("closed form w =", "λ = 2.0"),
            "02-weight-decay-vs-l2-vs-lr-decay.ipynb", List.of("weightDecay 0.05", "AdamW 0.05", "final test MSE"),
            "03-cnn-with-and-without-weight-decay.ipynb", List.of("Keras L2 5e-4", "test accuracy", "weight norm"),
            "04-regularization-techniques-side-by-side.ipynb", List.of("12 trials, 12 ok", "(baseline)", "early-stopping"),
            "05-l1-vs-l2-relu-vs-elu.ipynb", List.of("|w| < 0.01 among the 17 irrelevant features", "elu  test MSE"));

    @TempDir
    static Path jupyterHome;
    static Jupyter jupyter;
    static ExecutorService pool;
    static final Map<String, Future<Jupyter.Run>> runs = new ConcurrentHashMap<>();

    @BeforeAll
    static void findJupyter() throws IOException {
        jupyter = Jupyter.find(jupyterHome);
        if (jupyter == null) {
            String why = "jupyter nbconvert is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient)";
            if (System.getenv("CI") != null) {
                fail(why + ", but CI must run the notebooks: .ci/run installs it");
            }
            System.out.println("NotebooksTest skipped: " + why);
            Assumptions.abort(why);
        }
        // Two at a time: most of a notebook's time is one-threaded (JVM and JShell start-up, small
        // networks), so on 2 cores two kernels finish the five in about half the time of one.
        Path out = Boolean.getBoolean("regzoo.notebooks.inplace") ? DIR : Paths.get("target", "notebooks");
        pool = Executors.newFixedThreadPool(Integer.getInteger("regzoo.notebooks.parallel", 2));
        for (Path nb : notebooks()) {
            runs.put(nb.getFileName().toString(), pool.submit(() -> {
                long t0 = System.nanoTime();
                Jupyter.Run r = jupyter.execute(nb, out, PER_NOTEBOOK);
                System.out.printf("%s executed in Jupyter in %.0f s: %d charts%n", nb.getFileName(),
                        (System.nanoTime() - t0) / 1e9, r.images());
                return r;
            }));
        }
        pool.shutdown();
    }

    @AfterAll
    static void stopRuns() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsInJupyterWithoutError(Path notebook) throws Exception {
        Jupyter.Run r;
        try {
            r = runs.get(notebook.getFileName().toString()).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        if (!r.errors().isEmpty()) {
            fail(notebook + ": " + String.join("\n", r.errors()));
        }
        assertTrue(r.images() > 0, notebook + " should show at least one chart inline");
        for (String s : EXPECTED.get(notebook.getFileName().toString())) {
            assertTrue(r.text().contains(s), notebook + " should print \"" + s + "\"; its text outputs:\n" + r.text());
        }
    }

    @Test
    void aFailingCellIsReportedWithItsNumber(@TempDir Path tmp) throws Exception {
        Path nb = tmp.resolve("bad.ipynb");
        Files.writeString(nb, "{\"cells\":[" + cell("int x = 1;") + "," + cell("int y = x / 0;") + "," + cell("undefinedThing();")
                + "," + cell("x + 1") + "],\"metadata\":{\"kernelspec\":{\"name\":\"" + Jupyter.KERNEL
                + "\",\"display_name\":\"Java (regzoo)\",\"language\":\"java\"}},\"nbformat\":4,\"nbformat_minor\":5}");
        Jupyter.Run r = jupyter.execute(nb, tmp.resolve("out"), Duration.ofMinutes(3));
        assertEquals(2, r.errors().size(), String.valueOf(r.errors()));
        assertTrue(r.errors().get(0).startsWith("cell 2: ") && r.errors().get(0).contains("/ by zero"), r.errors().get(0));
        assertTrue(r.errors().get(1).startsWith("cell 3: "), r.errors().get(1));
        assertTrue(r.text().contains("2"), "the cell after the errors still runs: " + r.text());
    }

    private static String cell(String src) {
        return "{\"cell_type\":\"code\",\"id\":\"c" + Math.abs(src.hashCode()) + "\",\"metadata\":{},\"outputs\":[],"
                + "\"execution_count\":null,\"source\":" + new ObjectMapper().valueToTree(src) + "}";
    }
}
