package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import dev.rectifier.spark.executor.ExecutorRectifiers;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.NumericType;

/**
 * {@code prelu(x, weights[, inner])}: {@link Rectifier#prelu(float[], float[], float[], int)} on
 * each row, x viewed as {@code [n][weights.length][inner]}. The weights are a constant array of
 * numbers (converted once to x's element type) or an array column of x's type; {@code inner} is a
 * constant positive int, 1 by default.
 */
public final class Prelu extends RectifierExpression {
  private static final long serialVersionUID = 1L;

  /** PReLU of {@code x} with one slope per channel in {@code weights}, channels-last. */
  public Prelu(Expression x, Expression weights) {
    this(x, weights, Literal.create(1, org.apache.spark.sql.types.DataTypes.IntegerType));
  }

  /** PReLU of {@code x} viewed as {@code [n][weights.length][inner]}. */
  public Prelu(Expression x, Expression weights, Expression inner) {
    super("prelu", x, weights, inner);
  }

  @Override
  protected Expression withArgs(List<Expression> a) {
    return new Prelu(a.get(0), a.get(1), a.get(2));
  }

  @Override
  protected Expression weights() {
    return arg(1);
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    TypeCheckResult x = super.checkInputDataTypes();
    if (x.isFailure()) {
      return x;
    }
    DataType w = arg(1).dataType();
    if (arg(1).foldable()) {
      if (!(w instanceof ArrayType t && t.elementType() instanceof NumericType)) {
        return failure("weights must be an array of numbers, not " + w.sql());
      }
      try {
        constantWeights();
      } catch (IllegalArgumentException e) {
        return failure(e.getMessage());
      }
    } else if (!w.sameType(arg(0).dataType())) {
      return failure(
          "a weights column must have x's type " + arg(0).dataType().sql() + ", not " + w.sql());
    }
    Expression inner = arg(2);
    if (!inner.foldable()
        || !(inner.dataType() instanceof IntegerType)
        || !(inner.eval(null) instanceof Integer i)
        || i < 1) {
      return failure("inner must be a constant positive int, not " + inner.sql());
    }
    return x;
  }

  private int inner() {
    return (Integer) arg(2).eval(null);
  }

  /** The constant weights in x's element type: float[] or double[]. */
  private Object constantWeights() {
    ArrayData w = (ArrayData) arg(1).eval(null);
    if (w == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    DataType type = ((ArrayType) arg(1).dataType()).elementType();
    int n = w.numElements();
    float[] f = new float[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      if (w.isNullAt(i)) {
        throw new IllegalArgumentException("weights has a null at index " + i);
      }
      Object v = w.get(i, type);
      d[i] = v instanceof Decimal dec ? dec.toDouble() : ((Number) v).doubleValue();
      f[i] = (float) d[i];
    }
    return isFloat() ? f : d;
  }

  /**
   * Throws unless {@code n} elements fit {@code [..][channels][inner]}, naming prelu and the sizes.
   */
  public static void checkShape(int n, int channels, int inner) {
    if (channels == 0 || n % ((long) channels * inner) != 0) {
      throw new IllegalArgumentException(
          "prelu: x has "
              + n
              + " elements in this row, not a multiple of weights ("
              + channels
              + ") × inner ("
              + inner
              + ")");
    }
  }

  /** The weights of a row from a weights column, which must have no null element. */
  public static float[] floatWeights(ArrayData w) {
    checkNoNulls(w);
    return w.toFloatArray();
  }

  /** As {@link #floatWeights}, for double. */
  public static double[] doubleWeights(ArrayData w) {
    checkNoNulls(w);
    return w.toDoubleArray();
  }

  private static void checkNoNulls(ArrayData w) {
    for (int i = 0; i < w.numElements(); i++) {
      if (w.isNullAt(i)) {
        throw new IllegalArgumentException("prelu: weights has a null at index " + i);
      }
    }
  }

  @Override
  public Object eval(InternalRow row) {
    ArrayData x = (ArrayData) arg(0).eval(row);
    ArrayData w = (ArrayData) arg(1).eval(row);
    if (x == null || w == null) {
      return null;
    }
    boolean constant = arg(1).foldable();
    int n = x.numElements();
    Rectifier rectifier = ExecutorRectifiers.get();
    if (isFloat()) {
      float[] a = x.toFloatArray();
      float[] weights = constant ? (float[]) constantWeights() : floatWeights(w);
      checkShape(n, weights.length, inner());
      rectifier.prelu(a, a, weights, inner());
      return RowArrays.floatResult(a, n, x, null);
    }
    double[] a = x.toDoubleArray();
    double[] weights = constant ? (double[]) constantWeights() : doubleWeights(w);
    checkShape(n, weights.length, inner());
    rectifier.prelu(a, a, weights, inner());
    return RowArrays.doubleResult(a, n, x, null);
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    String rectifier = RowArrays.rectifierState(ctx);
    String type = isFloat() ? "float" : "double";
    String kind = isFloat() ? "Float" : "Double";
    String self = Prelu.class.getName();
    ExprCode x = arg(0).genCode(ctx);
    String weights;
    String weightsCode = "";
    String weightsNull = "false";
    if (arg(1).foldable()) {
      weights = ctx.addReferenceObj("weights", constantWeights(), type + "[]");
    } else {
      ExprCode w = arg(1).genCode(ctx);
      weights = ctx.freshName("weights");
      weightsCode =
          w.code()
              + "\n"
              + type
              + "[] "
              + weights
              + " = "
              + w.isNull()
              + " ? null : "
              + self
              + "."
              + type
              + "Weights("
              + w.value()
              + ");\n";
      weightsNull = weights + " == null";
    }
    String n = ctx.freshName("n");
    String a = ctx.freshName("a");
    String code =
        x.code()
            + "\n"
            + weightsCode
            + "boolean "
            + ev.isNull()
            + " = "
            + x.isNull()
            + " || "
            + weightsNull
            + ";\nArrayData "
            + ev.value()
            + " = null;\nif (!"
            + ev.isNull()
            + ") {\nint "
            + n
            + " = "
            + x.value()
            + ".numElements();\n"
            + self
            + ".checkShape("
            + n
            + ", "
            + weights
            + ".length, "
            + inner()
            + ");\n"
            + type
            + "[] "
            + a
            + " = "
            + x.value()
            + ".to"
            + kind
            + "Array();\n"
            + rectifier
            + ".prelu("
            + a
            + ", "
            + a
            + ", "
            + weights
            + ", "
            + inner()
            + ");\n"
            + ev.value()
            + " = "
            + RowArrays.class.getName()
            + "."
            + type
            + "Result("
            + a
            + ", "
            + n
            + ", "
            + x.value()
            + ", null);\n}\n";
    return generated(code, ev);
  }
}
