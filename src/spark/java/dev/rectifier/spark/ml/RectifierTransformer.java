package dev.rectifier.spark.ml;

import dev.rectifier.Rectifier;
import dev.rectifier.spark.RectifierFunctions;
import dev.rectifier.spark.executor.ExecutorRectifiers;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A forward op of rectifier ({@code op}: {@code relu}, {@code leaky_relu} with {@code alpha}, or
 * {@code prelu} with {@code weights} and {@code inner}) from {@code inputCol} to {@code outputCol}.
 * The input is a vector column (the output is a dense vector, also for sparse input) or an {@code
 * array<float>}/{@code array<double>} column (the output has its type; these run as the SQL
 * functions of {@link RectifierFunctions}). Saved and loaded as any Spark ML stage, e.g. in a
 * {@link org.apache.spark.ml.PipelineModel}.
 */
public final class RectifierTransformer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> op;
  private final DoubleParam alpha;
  private final DoubleArrayParam weights;
  private final IntParam inner;
  private final Param<String> inputCol;
  private final Param<String> outputCol;

  /** A transformer with a random uid. */
  public RectifierTransformer() {
    this(Identifiable$.MODULE$.randomUID("rectifier"));
  }

  /** A transformer with {@code uid}; op relu, alpha 0.01, inner 1 by default. */
  public RectifierTransformer(String uid) {
    this.uid = uid;
    op =
        new Param<>(
            this,
            "op",
            "the op: relu, leaky_relu or prelu",
            ParamValidators.inArray(new String[] {"relu", "leaky_relu", "prelu"}));
    alpha =
        new DoubleParam(
            this, "alpha", "leaky_relu's slope for negative inputs, finite", a -> isFinite(a));
    weights = new DoubleArrayParam(this, "weights", "prelu's slopes, one per channel");
    inner =
        new IntParam(this, "inner", "prelu's elements per channel run", ParamValidators.gtEq(1));
    inputCol = new Param<>(this, "inputCol", "the input column: a vector or array column");
    outputCol = new Param<>(this, "outputCol", "the output column");
    setDefault(op, "relu");
    setDefault(alpha, (Object) 0.01);
    setDefault(inner, (Object) 1);
  }

  private static Object isFinite(Object a) {
    return Double.isFinite((Double) a);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The op: relu, leaky_relu or prelu. */
  public Param<String> op() {
    return op;
  }

  /** Leaky ReLU's slope. */
  public DoubleParam alpha() {
    return alpha;
  }

  /** PReLU's slopes, one per channel. */
  public DoubleArrayParam weights() {
    return weights;
  }

  /** PReLU's elements per channel run: x is viewed as {@code [n][channels][inner]}. */
  public IntParam inner() {
    return inner;
  }

  /** The input column. */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The output column. */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** Sets {@link #op()}. */
  public RectifierTransformer setOp(String value) {
    set(op, value);
    return this;
  }

  /** Sets {@link #alpha()}. */
  public RectifierTransformer setAlpha(double value) {
    set(alpha, (Object) value);
    return this;
  }

  /** Sets {@link #weights()}. */
  public RectifierTransformer setWeights(double[] value) {
    set(weights, value);
    return this;
  }

  /** Sets {@link #inner()}. */
  public RectifierTransformer setInner(int value) {
    set(inner, (Object) value);
    return this;
  }

  /** Sets {@link #inputCol()}. */
  public RectifierTransformer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /** Sets {@link #outputCol()}. */
  public RectifierTransformer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column in = dataset.col(getOrDefault(inputCol));
    String name = getOrDefault(op);
    double a = (Double) getOrDefault(alpha);
    double[] w = name.equals("prelu") ? getOrDefault(weights) : null;
    int n = (Integer) getOrDefault(inner);
    Column out;
    if (dataset.schema().apply(getOrDefault(inputCol)).dataType() instanceof ArrayType) {
      out =
          switch (name) {
            case "relu" -> RectifierFunctions.relu(in);
            case "leaky_relu" -> RectifierFunctions.leakyRelu(in, a);
            default -> RectifierFunctions.prelu(in, functions.lit(w), n);
          };
    } else {
      UDF1<Vector, Vector> f = v -> v == null ? null : forward(name, v, a, w, n);
      out = functions.udf(f, SQLDataTypes.VectorType()).apply(in);
    }
    return dataset.withColumn(getOrDefault(outputCol), out);
  }

  /** The op on a vector's values, dense, through the executor's Rectifier. */
  private static Vector forward(String op, Vector v, double alpha, double[] weights, int inner) {
    double[] x = v.toArray();
    double[] y = new double[x.length];
    Rectifier r = ExecutorRectifiers.get();
    switch (op) {
      case "relu" -> r.relu(x, y);
      case "leaky_relu" -> r.leakyRelu(x, y, alpha);
      default -> r.prelu(x, y, weights, inner);
    }
    return Vectors.dense(y);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = getOrDefault(inputCol);
    DataType type = schema.apply(in).dataType();
    boolean array =
        type instanceof ArrayType t
            && (t.elementType() == DataTypes.FloatType || t.elementType() == DataTypes.DoubleType);
    if (!array && !type.equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(
          "inputCol "
              + in
              + " must be a vector, array<float> or array<double> column, not "
              + type.sql());
    }
    if (getOrDefault(op).equals("prelu") && !isDefined(weights)) {
      throw new IllegalArgumentException("op prelu needs the weights param");
    }
    String out = getOrDefault(outputCol);
    if (java.util.Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException("outputCol " + out + " already exists");
    }
    return schema.add(
        new StructField(out, type, true, org.apache.spark.sql.types.Metadata.empty()));
  }

  @Override
  public RectifierTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** The reader of saved transformers. */
  public static MLReader<RectifierTransformer> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a transformer saved with {@code write().save(path)}. */
  public static RectifierTransformer load(String path) {
    return read().load(path);
  }
}
