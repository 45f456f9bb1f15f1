package io.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.zoo.LayerHelpers;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The Spark configuration a {@link SparkExecutor} starts with (no Spark context is started). */
class SparkConfTest {

    @Test
    void executorsGetTheDriversOneDnnHelperSwitchSoTrialsGiveTheSameNumbers() {
        String before = System.getProperty(LayerHelpers.DISABLE_PROPERTY);
        try {
            System.setProperty(LayerHelpers.DISABLE_PROPERTY, "false");
            SparkConf c = SparkExecutor.create("spark://127.0.0.1:7077", 2, Map.of()).conf();
            String opts = c.get("spark.executor.extraJavaOptions");
            assertTrue(opts.contains("-D" + LayerHelpers.DISABLE_PROPERTY + "=false"), opts);
            assertTrue(opts.contains("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"), opts);
            assertEquals("2", c.get("spark.task.cpus"));
            assertEquals("2", c.get("spark.executorEnv.OMP_NUM_THREADS"));
            // a user's own executor options win
            SparkConf mine = SparkExecutor.create("spark://127.0.0.1:7077", 1,
                    Map.of("spark.executor.extraJavaOptions", "-Dx=1")).conf();
            assertEquals("-Dx=1", mine.get("spark.executor.extraJavaOptions"));
            System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
            String none = SparkExecutor.create("spark://127.0.0.1:7077", 1, Map.of()).conf()
                    .get("spark.executor.extraJavaOptions");
            assertFalse(none.contains(LayerHelpers.DISABLE_PROPERTY), none);
        } finally {
            if (before == null) {
                System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
            } else {
                System.setProperty(LayerHelpers.DISABLE_PROPERTY, before);
            }
        }
    }
}
