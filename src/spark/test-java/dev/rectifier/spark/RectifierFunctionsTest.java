package dev.rectifier.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.junit.jupiter.api.Test;

/** The Column API gives what the SQL functions give, also in a session without the extension. */
class RectifierFunctionsTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void columnsWorkWithAndWithoutTheExtension() {
    Dataset<Row> rows = new TestRows(30, 8).frame(spark, true);
    rows.createOrReplaceTempView("rows");
    List<Row> sql =
        spark
            .sql(
                "SELECT relu(x), leaky_relu(x, 0.2), relu_grad(x, dy), leaky_relu_grad(x, dy,"
                    + " 0.2), prelu(x, array(0.5, 2.0), 3) FROM rows ORDER BY id")
            .collectAsList();

    SparkSession bare = spark.newSession();
    for (String f : new String[] {"relu", "leaky_relu", "relu_grad", "leaky_relu_grad", "prelu"}) {
      bare.sessionState().functionRegistry().dropFunction(FunctionIdentifier.apply(f));
    }
    Dataset<Row> inBare = bare.createDataFrame(rows.rdd(), rows.schema());
    assertThrows(AnalysisException.class, () -> inBare.selectExpr("leaky_relu(x, 0.2)").collect());
    List<Row> columns =
        inBare
            .orderBy("id")
            .select(
                RectifierFunctions.relu(col("x")),
                RectifierFunctions.leakyRelu(col("x"), 0.2),
                RectifierFunctions.reluGrad(col("x"), col("dy")),
                RectifierFunctions.leakyReluGrad(col("x"), col("dy"), 0.2),
                RectifierFunctions.prelu(
                    col("x"), org.apache.spark.sql.functions.lit(new double[] {0.5, 2}), 3))
            .collectAsList();
    assertEquals(sql.size(), columns.size());
    for (int r = 0; r < sql.size(); r++) {
      for (int c = 0; c < 5; c++) {
        assertEquals(bits(sql.get(r), c), bits(columns.get(r), c), "row " + r + ", column " + c);
      }
    }
    assertTrue(sql.stream().anyMatch(r -> !r.getList(0).isEmpty()));
  }

  private static List<Integer> bits(Row row, int column) {
    return row.<Float>getList(column).stream().map(Float::floatToRawIntBits).toList();
  }
}
