package dev.rectifier.spark.bench;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import dev.rectifier.spark.RectifierExtensions;
import dev.rectifier.spark.ml.RectifierTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark benchmark (docs/spark.md): a cached column of {@code rows} × 256 floats, each query
 * written to Spark's {@code noop} sink, the variants alternated run after run, the median of each
 * reported with its ratios. Not a test: run it as docs/spark.md says. Arguments: rows (200000),
 * runs (7).
 */
public final class SparkBench {
  private SparkBench() {}

  /** Runs the benchmark and prints the medians and ratios. */
  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", RectifierExtensions.class.getName())
            .config("spark.sql.warehouse.dir", "target/spark-warehouse")
            .getOrCreate();
    Dataset<Row> floats =
        spark
            .range(rows)
            .selectExpr("transform(sequence(0, 255), i -> CAST(sin(id * 256 + i) AS FLOAT)) AS x")
            .cache();
    Dataset<Row> vectors = floats.select(array_to_vector(col("x")).as("v")).cache();
    floats.count();
    vectors.count();
    RectifierTransformer transformer =
        new RectifierTransformer()
            .setOp("leaky_relu")
            .setAlpha(0.01)
            .setInputCol("v")
            .setOutputCol("y");

    Map<String, Supplier<Dataset<Row>>> queries = new LinkedHashMap<>();
    queries.put("SELECT x", () -> floats.selectExpr("x"));
    // A new array per row, copied from x: the part of leaky_relu's time that moving values takes.
    queries.put("slice(x, 1, 256)", () -> floats.selectExpr("slice(x, 1, 256)"));
    queries.put("leaky_relu(x, 0.01)", () -> floats.selectExpr("leaky_relu(x, 0.01)"));
    queries.put(
        "built-in transform",
        () ->
            floats.selectExpr(
                "transform(x, v -> CASE WHEN v > 0 THEN v ELSE CAST(0.01 AS FLOAT) * v END)"));
    queries.put("RectifierTransformer", () -> transformer.transform(vectors).select("y"));
    queries.put(
        "vector built-ins",
        () ->
            vectors.select(
                array_to_vector(
                    transform(
                        vector_to_array(col("v"), "float64"),
                        e -> when(e.gt(0), e).otherwise(e.multiply(0.01))))));

    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    queries.keySet().forEach(k -> seconds.put(k, new ArrayList<>()));
    for (int run = -1; run < runs; run++) { // run -1 warms up
      for (var q : queries.entrySet()) {
        long start = System.nanoTime();
        q.getValue().get().write().format("noop").mode("overwrite").save();
        double s = (System.nanoTime() - start) / 1e9;
        if (run >= 0) {
          seconds.get(q.getKey()).add(s);
        }
      }
    }
    double elements = (double) rows * 256;
    Map<String, Double> median = new LinkedHashMap<>();
    seconds.forEach((k, v) -> median.put(k, median(v)));
    System.out.printf(Locale.ROOT, "%d rows x 256, %d runs, median seconds:%n", rows, runs);
    median.forEach(
        (k, s) ->
            System.out.printf(
                Locale.ROOT, "  %-22s %8.3f s  %.2e elements/s%n", k, s, elements / s));
    double leaky = median.get("leaky_relu(x, 0.01)");
    System.out.printf(
        Locale.ROOT,
        "leaky_relu vs built-in transform: %.1fx (target 10x)%n",
        median.get("built-in transform") / leaky);
    System.out.printf(
        Locale.ROOT,
        "leaky_relu vs SELECT x: %.2fx (target 0.5x)%n",
        median.get("SELECT x") / leaky);
    System.out.printf(
        Locale.ROOT,
        "RectifierTransformer vs vector built-ins: %.1fx (target 5x)%n",
        median.get("vector built-ins") / median.get("RectifierTransformer"));
    System.out.printf(
        Locale.ROOT,
        "slice (a copy of each array) vs SELECT x: %.2fx%n",
        median.get("SELECT x") / median.get("slice(x, 1, 256)"));
    spark.stop();
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
