package io.regzoo.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code java} code block in README.md compiles and runs, in order, as notebook cells do. */
@org.junit.jupiter.api.Tag("notebook")
class ReadmeExamplesTest {

    @Test
    void readmeJavaExamplesRun(@TempDir Path tmp) throws IOException {
        String readme = Files.readString(Paths.get("README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertFalse(blocks.isEmpty(), "README.md has no java examples");
        ObjectMapper json = new ObjectMapper();
        ObjectNode nb = json.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        for (String b : blocks) {
            ObjectNode c = cells.addObject();
            c.put("cell_type", "code");
            c.put("source", b);
        }
        Path file = tmp.resolve("readme.ipynb");
        json.writeValue(file.toFile(), nb);
        NotebookExecutor.Result r = NotebookExecutor.execute(file, tmp.resolve("out.ipynb"), System.getProperty("java.class.path"));
        assertEquals(List.of(), r.errors(), "README examples");
    }
}
