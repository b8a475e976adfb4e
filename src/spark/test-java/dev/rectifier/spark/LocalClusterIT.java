package dev.rectifier.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Rectifier;
import dev.rectifier.spark.executor.ExecutorRectifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL functions on a local-cluster: two executors in their own JVMs, which get the jars through
 * {@code spark.jars} (run by Failsafe after {@code package}). Each executor is given a GPU whose
 * fake address a discovery script reports; the CPU backend still computes (no OpenCL GPU matches
 * it), and the executors' own description of their Rectifier, collected from the tasks, proves that
 * the address reached them.
 */
class LocalClusterIT {
  private static final String ADDRESS = "7";
  private static SparkSession spark;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("gpus.sh");
    Files.writeString(
        script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"" + ADDRESS + "\"]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    spark =
        SharedSpark.onCluster(
                "local-cluster[2,1,1024]",
                System.getProperty("rectifier.spark.jars"),
                "rectifier-spark local-cluster")
            .config("spark.worker.resource.gpu.amount", "1")
            .config("spark.worker.resource.gpu.discoveryScript", script.toString())
            .config("spark.executor.resource.gpu.amount", "1")
            .config("spark.task.resource.gpu.amount", "1")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyFunctionGivesTheLibrarysBitsOnExecutors() {
    try (Rectifier rectifier = Rectifier.cpu()) {
      for (boolean isFloat : new boolean[] {true, false}) {
        TestRows rows = new TestRows(60, isFloat ? 11 : 12);
        rows.frame(spark, isFloat).createOrReplaceTempView("rows");
        SqlFunctionsTest.assertLibraryBits(
            spark.sql(SqlFunctionsTest.QUERY).collectAsList(), rows, isFloat, rectifier);
      }
    }
  }

  @Test
  void theGpuAddressReachesTheExecutors() {
    // reflect() runs in the tasks, on the executors; the driver, outside a task, would say "cpu".
    List<String> seen =
        spark
            .range(0, 4, 1, 4)
            .selectExpr("reflect('" + ExecutorRectifiers.class.getName() + "', 'describe')")
            .as(Encoders.STRING())
            .collectAsList();
    assertEquals(4, seen.size());
    for (String s : seen) {
      assertTrue(
          s.startsWith("gpu " + ADDRESS + ": no OpenCL GPU device matches GPU address " + ADDRESS),
          s);
      // The CPU backend a task falls back to is sized by spark.task.cpus (1 here).
      assertTrue(s.contains("; CPU: Java, 1 thread,"), s);
    }
  }
}
