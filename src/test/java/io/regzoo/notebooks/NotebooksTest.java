package io.regzoo.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook in {@code notebooks-java/} cell by cell through JShell
 * ({@link NotebookExecutor}) and fails on any compile error, exception or unresolved snippet.
 * Executed copies (with outputs and charts) go to {@code target/notebooks/}; with
 * {@code -Dregzoo.notebooks.inplace=true} the notebooks themselves are rewritten.
 */
@org.junit.jupiter.api.Tag("notebook")
class NotebooksTest {

    static final Path DIR = Paths.get("notebooks-java");

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void thereIsANotebookPerDocumentTopic() throws IOException {
        assertFalse(notebooks().isEmpty(), "no notebooks in " + DIR.toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsWithoutError(Path notebook) throws IOException {
        boolean inPlace = Boolean.getBoolean("regzoo.notebooks.inplace");
        Path out = inPlace ? notebook : Paths.get("target", "notebooks").resolve(notebook.getFileName());
        NotebookExecutor.Result r = NotebookExecutor.execute(notebook, out, System.getProperty("java.class.path"));
        if (!r.errors().isEmpty()) {
            fail(notebook + ": " + String.join("\n", r.errors()));
        }
        assertTrue(r.images() > 0, notebook + " should show at least one chart inline");
    }

    @Test
    void aFailingCellIsReportedWithItsNumber(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path nb = tmp.resolve("bad.ipynb");
        Files.writeString(nb, "{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},\"outputs\":[],\"execution_count\":null,"
                + "\"source\":[\"int x = 1;\\n\"]},{\"cell_type\":\"code\",\"metadata\":{},\"outputs\":[],"
                + "\"execution_count\":null,\"source\":[\"int y = x / 0;\\n\"]},{\"cell_type\":\"code\",\"metadata\":{},"
                + "\"outputs\":[],\"execution_count\":null,\"source\":[\"undefinedThing();\\n\"]}],"
                + "\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
        NotebookExecutor.Result r = NotebookExecutor.execute(nb, tmp.resolve("out.ipynb"), System.getProperty("java.class.path"));
        assertTrue(r.errors().size() == 2, String.valueOf(r.errors()));
        assertTrue(r.errors().get(0).startsWith("cell 2: java.lang.ArithmeticException"), r.errors().get(0));
        assertTrue(r.errors().get(1).startsWith("cell 3: "), r.errors().get(1));
    }
}
