package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import dev.rectifier.spark.executor.ExecutorRectifiers;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.NumericType;

/**
 * An element-wise op, {@code relu(x)}, {@code leaky_relu(x, alpha)}, {@code relu_grad(x, dy)} or
 * {@code leaky_relu_grad(x, dy, alpha)}, run per row in place on a copy of x through the library's
 * range methods. Alpha is a foldable finite number, converted once: {@code (float)} of its double
 * value for float columns.
 */
public abstract class ElementWise extends RectifierExpression {
  private static final long serialVersionUID = 1L;

  private final boolean gradient;
  private final boolean leaky;

  ElementWise(String name, boolean gradient, boolean leaky, Expression... args) {
    super(name, args);
    this.gradient = gradient;
    this.leaky = leaky;
  }

  /**
   * The library call, as Java source, on {@code a} (x, the result written over it) and {@code b}
   * (dy, or null), {@code n} elements, with {@code alpha} (a literal).
   */
  abstract String callSource(String rectifier, String a, String b, String n, String alpha);

  /** The library call {@link #callSource} writes, for float. */
  abstract void call(Rectifier rectifier, float[] a, float[] b, int n, float alpha);

  /** The library call {@link #callSource} writes, for double. */
  abstract void call(Rectifier rectifier, double[] a, double[] b, int n, double alpha);

  @Override
  public TypeCheckResult checkInputDataTypes() {
    TypeCheckResult x = super.checkInputDataTypes();
    if (x.isFailure()) {
      return x;
    }
    if (gradient && !arg(1).dataType().sameType(arg(0).dataType())) {
      return failure(
          "dy must have x's type " + arg(0).dataType().sql() + ", not " + arg(1).dataType().sql());
    }
    if (leaky) {
      Expression alpha = arg(gradient ? 2 : 1);
      if (!alpha.foldable() || !(alpha.dataType() instanceof NumericType)) {
        return failure("alpha must be a constant number, not " + alpha.sql());
      }
      Object value = alpha.eval(null);
      double a = value == null ? Double.NaN : toDouble(value);
      if (!Double.isFinite(a) || (isFloat() && !Float.isFinite((float) a))) {
        return failure(
            "alpha must be a finite "
                + (isFloat() ? "float" : "double")
                + " for "
                + arg(0).dataType().sql()
                + ", not "
                + value);
      }
    }
    return x;
  }

  /** Alpha's double value; 0 for relu and relu_grad. */
  final double alpha() {
    return leaky ? toDouble(arg(gradient ? 2 : 1).eval(null)) : 0;
  }

  private static double toDouble(Object value) {
    return value instanceof Decimal d ? d.toDouble() : ((Number) value).doubleValue();
  }

  @Override
  public Object eval(InternalRow row) {
    ArrayData x = (ArrayData) arg(0).eval(row);
    ArrayData dy = gradient ? (ArrayData) arg(1).eval(row) : null;
    if (x == null || (gradient && dy == null)) {
      return null;
    }
    int n = x.numElements();
    if (gradient) {
      RowArrays.checkLengths(name(), x, dy);
    }
    RowArrays rows = new RowArrays();
    Rectifier rectifier = ExecutorRectifiers.get();
    if (isFloat()) {
      float[] a = rows.floats(x, 0);
      call(rectifier, a, gradient ? rows.floats(dy, 1) : null, n, (float) alpha());
      return RowArrays.floatResult(a, n, x, dy);
    }
    double[] a = rows.doubles(x, 0);
    call(rectifier, a, gradient ? rows.doubles(dy, 1) : null, n, alpha());
    return RowArrays.doubleResult(a, n, x, dy);
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    String rectifier = RowArrays.rectifierState(ctx);
    String rows = RowArrays.rowArraysState(ctx);
    String type = isFloat() ? "float" : "double";
    String alpha =
        isFloat()
            ? "java.lang.Float.intBitsToFloat(" + Float.floatToRawIntBits((float) alpha()) + ")"
            : "java.lang.Double.longBitsToDouble(" + Double.doubleToRawLongBits(alpha()) + "L)";
    String arrays = RowArrays.class.getName();
    ExprCode x = arg(0).genCode(ctx);
    ExprCode dy = gradient ? arg(1).genCode(ctx) : null;
    String n = ctx.freshName("n");
    String a = ctx.freshName("a");
    String b = gradient ? ctx.freshName("b") : "null";
    StringBuilder code = new StringBuilder();
    code.append(x.code())
        .append("\nboolean ")
        .append(ev.isNull())
        .append(" = ")
        .append(x.isNull())
        .append(";\nArrayData ")
        .append(ev.value())
        .append(" = null;\nif (!")
        .append(ev.isNull())
        .append(") {\n");
    if (gradient) {
      code.append(dy.code())
          .append("\n")
          .append(ev.isNull())
          .append(" = ")
          .append(dy.isNull())
          .append(";\n}\nif (!")
          .append(ev.isNull())
          .append(") {\n");
    }
    code.append("int ").append(n).append(" = ").append(x.value()).append(".numElements();\n");
    if (gradient) {
      code.append(arrays)
          .append(".checkLengths(\"")
          .append(name())
          .append("\", ")
          .append(x.value())
          .append(", ")
          .append(dy.value())
          .append(");\n");
    }
    code.append(type)
        .append("[] ")
        .append(a)
        .append(" = ")
        .append(rows)
        .append(".")
        .append(type)
        .append("s(")
        .append(x.value())
        .append(", 0);\n");
    if (gradient) {
      code.append(type)
          .append("[] ")
          .append(b)
          .append(" = ")
          .append(rows)
          .append(".")
          .append(type)
          .append("s(")
          .append(dy.value())
          .append(", 1);\n");
    }
    code.append(callSource(rectifier, a, b, n, alpha))
        .append(";\n")
        .append(ev.value())
        .append(" = ")
        .append(arrays)
        .append(".")
        .append(type)
        .append("Result(")
        .append(a)
        .append(", ")
        .append(n)
        .append(", ")
        .append(x.value())
        .append(", ")
        .append(gradient ? dy.value() : "null")
        .append(");\n}\n");
    return generated(code.toString(), ev);
  }
}
