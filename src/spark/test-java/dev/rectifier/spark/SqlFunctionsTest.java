package dev.rectifier.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Rectifier;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL functions against the library called directly, generated and interpreted. */
class SqlFunctionsTest {
  static final String QUERY =
      "SELECT id, relu(x), leaky_relu(x, 0.01), relu_grad(x, dy), leaky_relu_grad(x, dy, -3),"
          + " prelu(x, array(0.25, -0.5, 2.0), 2) FROM rows ORDER BY id";

  private static Rectifier rectifier;
  private final SparkSession spark = SharedSpark.session();

  @BeforeAll
  static void open() {
    rectifier = Rectifier.cpu();
  }

  @AfterAll
  static void close() {
    rectifier.close();
  }

  @ParameterizedTest(name = "float={0}, generated={1}")
  @CsvSource({"true,true", "true,false", "false,true", "false,false"})
  void everyFunctionGivesTheLibrarysBits(boolean isFloat, boolean generated) {
    TestRows rows = new TestRows(60, isFloat ? 1 : 2);
    rows.frame(spark, isFloat).createOrReplaceTempView("rows");
    assertLibraryBits(run(QUERY, generated), rows, isFloat, rectifier);
  }

  /** Checks {@link #QUERY}'s result row by row against {@code rectifier} called directly. */
  static void assertLibraryBits(
      List<Row> result, TestRows rows, boolean isFloat, Rectifier rectifier) {
    assertEquals(rows.x.size(), result.size());
    for (Row row : result) {
      int r = row.getInt(0);
      double[] x = rows.x.get(r);
      double[] dy = rows.dy.get(r);
      if (isFloat) {
        float[] fx = TestRows.floats(x);
        float[] fdy = TestRows.floats(dy);
        float[] y = new float[fx.length];
        rectifier.relu(fx, y);
        assertBits(y, row, 1);
        rectifier.leakyRelu(fx, y, (float) 0.01);
        assertBits(y, row, 2);
        rectifier.reluGrad(fx, fdy, y);
        assertBits(y, row, 3);
        rectifier.leakyReluGrad(fx, fdy, y, -3f);
        assertBits(y, row, 4);
        rectifier.prelu(fx, y, new float[] {0.25f, -0.5f, 2f}, 2);
        assertBits(y, row, 5);
      } else {
        double[] y = new double[x.length];
        rectifier.relu(x, y);
        assertBits(y, row, 1);
        rectifier.leakyRelu(x, y, 0.01);
        assertBits(y, row, 2);
        rectifier.reluGrad(x, dy, y);
        assertBits(y, row, 3);
        rectifier.leakyReluGrad(x, dy, y, -3);
        assertBits(y, row, 4);
        rectifier.prelu(x, y, new double[] {0.25, -0.5, 2}, 2);
        assertBits(y, row, 5);
      }
    }
  }

  @Test
  void aFloatColumnStaysFloatWithADecimalAlpha() {
    new TestRows(2, 3).frame(spark, true).createOrReplaceTempView("rows");
    ArrayType type =
        (ArrayType)
            spark.sql("SELECT leaky_relu(x, 0.01) AS y FROM rows").schema().apply("y").dataType();
    assertEquals(DataTypes.FloatType, type.elementType());
  }

  @Test
  void generatedCodeCallsTheLibrary() {
    new TestRows(2, 4).frame(spark, true).createOrReplaceTempView("rows");
    Dataset<Row> df = spark.sql("SELECT leaky_relu(x, 0.01), prelu(x, array(1.0)) FROM rows");
    df.collect(); // adaptive execution generates the code of a stage when it runs
    String code =
        org.apache.spark.sql.execution.debug.package$.MODULE$.codegenString(
            df.queryExecution().executedPlan());
    assertTrue(code.contains(".leakyRelu("), code);
    assertTrue(code.contains(".prelu("), code);
    assertTrue(code.contains("dev.rectifier.Rectifier"), code);
  }

  @Test
  void explainShowsTheFunctionsByName() {
    new TestRows(2, 5).frame(spark, true).createOrReplaceTempView("rows");
    String plan =
        spark
            .sql("EXPLAIN SELECT relu(x), leaky_relu_grad(x, dy, 0.5) FROM rows")
            .collectAsList()
            .get(0)
            .getString(0);
    assertTrue(plan.contains("relu(x#"), plan);
    assertTrue(plan.contains("leaky_relu_grad(x#"), plan);
  }

  @ParameterizedTest(name = "generated={0}")
  @CsvSource({"true", "false"})
  void nullsGiveNulls(boolean generated) {
    List<Row> rows =
        run(
            "SELECT relu(CAST(NULL AS ARRAY<FLOAT>)),"
                + " relu(array(CAST(-1 AS FLOAT), NULL, CAST(2 AS FLOAT))),"
                + " relu_grad(array(1D, 2D), CAST(NULL AS ARRAY<DOUBLE>)),"
                + " relu_grad(array(1D, 2D), array(NULL, 3D))",
            generated);
    Row row = rows.get(0);
    assertNull(row.get(0));
    assertEquals(java.util.Arrays.asList(0f, null, 2f), row.getList(1));
    assertNull(row.get(2));
    assertEquals(java.util.Arrays.asList(null, 3d), row.getList(3));
  }

  @ParameterizedTest(name = "generated={0}")
  @CsvSource({"true", "false"})
  void arraysOfDifferentLengthsAreAnErrorNamingTheFunction(boolean generated) {
    Exception e =
        assertThrows(
            Exception.class,
            () -> run("SELECT leaky_relu_grad(array(1D, 2D, 3D), array(1D), 0.1)", generated));
    assertTrue(
        String.valueOf(e.getMessage())
            .contains(
                "leaky_relu_grad: x and dy differ in length in this row: x has 3 elements, dy 1"),
        e.getMessage());
  }

  @Test
  void alphaMustBeAConstantFiniteNumber() {
    new TestRows(2, 6).frame(spark, true).createOrReplaceTempView("rows");
    assertMessage("leaky_relu: alpha must be a constant", "SELECT leaky_relu(x, id) FROM rows");
    assertMessage(
        "leaky_relu: alpha must be a finite float", "SELECT leaky_relu(x, 1e39) FROM rows");
    assertMessage(
        "leaky_relu_grad: alpha must be a finite double",
        "SELECT leaky_relu_grad(array(1D), array(1D), CAST('Infinity' AS DOUBLE))");
    assertMessage("relu: x must be array<float> or array<double>", "SELECT relu(array(1, 2))");
    assertMessage(
        "prelu: inner must be a constant positive int", "SELECT prelu(x, array(1.0), 0) FROM rows");
  }

  private void assertMessage(String expected, String sql) {
    AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql(sql).collect());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** Runs {@code sql} with whole-stage code generation, or interpreted (NO_CODEGEN). */
  private List<Row> run(String sql, boolean generated) {
    spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(generated));
    spark.conf().set("spark.sql.codegen.factoryMode", generated ? "CODEGEN_ONLY" : "NO_CODEGEN");
    try {
      Dataset<Row> df = spark.sql(sql);
      return df.collectAsList();
    } finally {
      spark.conf().unset("spark.sql.codegen.wholeStage");
      spark.conf().unset("spark.sql.codegen.factoryMode");
    }
  }

  static void assertBits(float[] expected, Row row, int column) {
    List<Object> actual = row.getList(column);
    int[] e = new int[expected.length];
    int[] a = new int[actual.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = Float.floatToRawIntBits(expected[i]);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = Float.floatToRawIntBits((Float) actual.get(i));
    }
    assertArrayEquals(e, a, "column " + column);
  }

  static void assertBits(double[] expected, Row row, int column) {
    List<Object> actual = row.getList(column);
    long[] e = new long[expected.length];
    long[] a = new long[actual.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = Double.doubleToRawLongBits(expected[i]);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = Double.doubleToRawLongBits((Double) actual.get(i));
    }
    assertArrayEquals(e, a, "column " + column);
  }
}
