package dev.rectifier.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of x and dy arrays of equal length (a multiple of 6, 0 included) with the contract's special
 * values among random ones, and as a DataFrame of two partitions (not a local relation, which the
 * driver would compute).
 */
public final class TestRows {
  private static final double[] SPECIAL = {
    0.0,
    -0.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    1e-40,
    -1e-40,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    1e300,
    -1e300,
    1,
    -1
  };

  /** The x arrays. */
  public final List<double[]> x = new ArrayList<>();

  /** The dy arrays. */
  public final List<double[]> dy = new ArrayList<>();

  /** {@code rows} rows from {@code seed}. */
  public TestRows(int rows, long seed) {
    Random random = new Random(seed);
    for (int r = 0; r < rows; r++) {
      int n = 6 * random.nextInt(50);
      x.add(values(random, n));
      dy.add(values(random, n));
    }
  }

  private static double[] values(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] =
          random.nextInt(4) == 0
              ? SPECIAL[random.nextInt(SPECIAL.length)]
              : random.nextGaussian() * 10;
    }
    return v;
  }

  /** Row {@code r}'s x as floats. */
  public static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** Columns id, x and dy of element type float or double. */
  public Dataset<Row> frame(SparkSession spark, boolean isFloat) {
    DataType element = isFloat ? DataTypes.FloatType : DataTypes.DoubleType;
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("x", DataTypes.createArrayType(element, false))
            .add("dy", DataTypes.createArrayType(element, false));
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < x.size(); r++) {
      rows.add(RowFactory.create(r, boxed(x.get(r), isFloat), boxed(dy.get(r), isFloat)));
    }
    return spark.createDataFrame(rows, schema).repartition(2);
  }

  private static List<Object> boxed(double[] values, boolean isFloat) {
    List<Object> list = new ArrayList<>();
    for (double v : values) {
      list.add(isFloat ? (Object) (float) v : (Object) v);
    }
    return list;
  }
}
