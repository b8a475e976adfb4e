package dev.rectifier.spark;

import dev.rectifier.Rectifier;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job scripts/spark-standalone runs on a standalone Master and Worker: leaky_relu on float
 * rows, every result compared bit for bit with the library called directly; exits non-zero on a
 * difference. Arguments: the master URL and the jars for {@code spark.jars}.
 */
public final class StandaloneJob {
  private StandaloneJob() {}

  /** Runs the job. */
  public static void main(String[] args) {
    SparkSession spark =
        SharedSpark.onCluster(args[0], args[1], "rectifier-spark standalone").getOrCreate();
    TestRows rows = new TestRows(100, 21);
    rows.frame(spark, true).createOrReplaceTempView("rows");
    List<Row> result = spark.sql("SELECT id, leaky_relu(x, 0.01) FROM rows").collectAsList();
    int elements = 0;
    try (Rectifier rectifier = Rectifier.cpu()) {
      for (Row row : result) {
        float[] x = TestRows.floats(rows.x.get(row.getInt(0)));
        float[] y = new float[x.length];
        rectifier.leakyRelu(x, y, (float) 0.01);
        List<Float> actual = row.getList(1);
        for (int i = 0; i < y.length; i++) {
          if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(actual.get(i))) {
            throw new IllegalStateException("row " + row.getInt(0) + " element " + i + " differs");
          }
        }
        elements += y.length;
      }
    }
    spark.stop();
    System.out.println(
        "spark-standalone: " + result.size() + " rows, " + elements + " elements, all equal");
  }
}
