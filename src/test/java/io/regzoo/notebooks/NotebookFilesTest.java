package io.regzoo.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the committed notebooks without running them (no Jupyter needed, so part of the fast
 * set): each names the build's kernel, has no {@code %jars} cell, and carries the outputs of an
 * error-free run, charts included, as {@link NotebooksTest} expects them.
 */
class NotebookFilesTest {

    private static final java.util.Map<String, List<String>> EXPECTED = NotebooksTest.EXPECTED;

    private static List<Path> notebooks() throws IOException {
        return NotebooksTest.notebooks();
    }

    @Test
    void thereIsANotebookPerDocumentTopic() throws IOException {
        assertEquals(EXPECTED.keySet(), notebooks().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }

    @Test
    void notebooksNameTheKernelAndCarryNoClasspathMagic() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Path nb : notebooks()) {
            JsonNode root = json.readTree(nb.toFile());
            assertEquals(Jupyter.KERNEL, root.path("metadata").path("kernelspec").path("name").asText(), nb.toString());
            for (JsonNode cell : root.path("cells")) {
                assertFalse(cell.path("source").toString().contains("%jars"), nb + ": the classpath comes from the kernel spec");
            }
        }
    }

    @Test
    void committedNotebooksKeepTheirOutputs() throws IOException {
        for (Path nb : notebooks()) {
            Jupyter.Run r = Jupyter.read(nb, "");
            assertEquals(List.of(), r.errors(), nb + " was committed with error outputs");
            assertTrue(r.images() > 0, nb + " was committed without its charts (run with -Dregzoo.notebooks.inplace=true)");
            for (String s : EXPECTED.get(nb.getFileName().toString())) {
                assertTrue(r.text().contains(s), nb + " was committed without the output \"" + s + "\"");
            }
        }
    }
}
