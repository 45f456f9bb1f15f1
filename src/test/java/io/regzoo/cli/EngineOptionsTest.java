package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine local|spark --master URL} on compare and demo. */
class EngineOptionsTest {

    @Test
    void theEngineOptionsAreOnCompareAndDemoAndLocalIsTheDefault() {
        for (String cmd : List.of("compare", "demo")) {
            String help = CliRun.expect(0, cmd, "--help").out();
            assertTrue(help.contains("--engine") && help.contains("--master") && help.contains("--task-cpus"), help);
            assertTrue(help.replaceAll("\\s+", " ").contains("default local"), help);
        }
        assertEquals(false, new EngineOptions().isSpark());
    }

    @Test
    void aWrongEngineOrAMasterWithoutSparkIsAOneLineMistake(@TempDir Path tmp) {
        String err = CliRun.expect(2, "compare", "doc1-linear-l2", "--out", tmp.toString(), "--engine", "flink").err();
        assertEquals("regzoo: --engine must be 'local' or 'spark', got 'flink'", err.strip());
        err = CliRun.expect(2, "compare", "doc1-linear-l2", "--out", tmp.toString(), "--master", "local[2]").err();
        assertEquals("regzoo: --master and --spark-conf need --engine spark", err.strip());
    }

    @Test
    @Tag("slow")
    void compareWithTheSparkEngineWritesTheSameKindOfReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.expect(0, "compare", "doc1-linear-l2", "--out", out.toString(), "--quiet", "--seeds", "1,2",
                "--epochs", "2", "--engine", "spark", "--master", "local[2]");
        assertTrue(r.out().contains("4 trials recorded") && r.out().contains("ran 4 now"), r.out());
        assertTrue(Files.readString(out.resolve("results.jsonl")).contains("\"executor\":{\"engine\":\"spark\""));
        assertTrue(Files.readString(out.resolve("report.md")).contains("| executor.master | local[2] |"));
        CliRun again = CliRun.expect(0, "compare", "doc1-linear-l2", "--out", out.toString(), "--quiet", "--seeds", "1,2,3",
                "--epochs", "2");
        assertTrue(again.out().contains("ran 2 now, skipped 4"), "the local engine resumes a Spark run: " + again.out());
    }
}
