package dev.rectifier.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Rectifier;
import dev.rectifier.spark.SharedSpark;
import dev.rectifier.spark.TestRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer on vector and array columns, in a pipeline saved and loaded again. */
class RectifierTransformerTest {
  private static final double[] WEIGHTS = {0.5, -2, 0.25};
  private final SparkSession spark = SharedSpark.session();
  private final TestRows rows = new TestRows(40, 7);

  /** Vectors, every third one sparse, and the same values as an array. */
  private Dataset<Row> frame() {
    List<Row> list = new ArrayList<>();
    for (int r = 0; r < rows.x.size(); r++) {
      double[] x = rows.x.get(r);
      Vector v = r % 3 == 0 ? Vectors.dense(x).toSparse() : Vectors.dense(x);
      List<Double> array = new ArrayList<>();
      for (double d : x) {
        array.add(d);
      }
      list.add(RowFactory.create(r, v, array));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("v", SQLDataTypes.VectorType())
            .add("a", DataTypes.createArrayType(DataTypes.DoubleType, false));
    return spark.createDataFrame(list, schema).repartition(2);
  }

  @Test
  void aSavedPipelineModelGivesTheLibrarysBitsAfterLoading(@TempDir Path dir) throws Exception {
    RectifierTransformer leaky =
        new RectifierTransformer()
            .setOp("leaky_relu")
            .setAlpha(-0.3)
            .setInputCol("v")
            .setOutputCol("leaky");
    RectifierTransformer prelu =
        new RectifierTransformer()
            .setOp("prelu")
            .setWeights(WEIGHTS)
            .setInner(2)
            .setInputCol("a")
            .setOutputCol("prelu");
    RectifierTransformer relu = new RectifierTransformer().setInputCol("v").setOutputCol("relu");
    PipelineModel model =
        new Pipeline().setStages(new PipelineStage[] {leaky, prelu, relu}).fit(frame());
    String path = dir.resolve("model").toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(-0.3, ((RectifierTransformer) loaded.stages()[0]).getOrDefault(leaky.alpha()));

    List<Row> out =
        loaded.transform(frame()).select("id", "leaky", "prelu", "relu", "v").collectAsList();
    assertEquals(rows.x.size(), out.size());
    try (Rectifier r = Rectifier.cpu()) {
      for (Row row : out) {
        double[] x = rows.x.get(row.getInt(0));
        // What a sparse vector holds: -0.0 is not stored, so it reads back as +0.0.
        double[] v = ((Vector) row.get(4)).toArray();
        double[] y = new double[x.length];
        r.leakyRelu(v, y, -0.3);
        assertBits(y, ((Vector) row.get(1)).toArray());
        r.prelu(x, y, WEIGHTS, 2);
        double[] p = row.getList(2).stream().mapToDouble(o -> (Double) o).toArray();
        assertBits(y, p);
        r.relu(v, y);
        assertBits(y, ((Vector) row.get(3)).toArray());
        assertEquals(x.length, ((Vector) row.get(3)).toArray().length);
      }
    }
    assertTrue(Files.exists(dir.resolve("model")));
  }

  @Test
  void aSparseVectorGivesADenseOne() {
    List<Row> out =
        new RectifierTransformer()
            .setInputCol("v")
            .setOutputCol("y")
            .transform(frame().where("id = 0"))
            .select("y")
            .collectAsList();
    assertEquals(org.apache.spark.ml.linalg.DenseVector.class, out.get(0).get(0).getClass());
  }

  @Test
  void badParamsAreRejectedNamingThem() {
    RectifierTransformer t = new RectifierTransformer().setInputCol("id").setOutputCol("y");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.transformSchema(frame().schema()));
    assertEquals(
        "inputCol id must be a vector, array<float> or array<double> column, not INT",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.setAlpha(Double.NaN));
  }

  private static void assertBits(double[] expected, double[] actual) {
    long[] e = new long[expected.length];
    long[] a = new long[actual.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Double.doubleToRawLongBits(expected[i]);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = Double.doubleToRawLongBits(actual[i]);
    }
    assertArrayEquals(e, a);
  }
}
