package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * {@code relu_grad(x, dy)}: {@link Rectifier#reluGrad(float[], int, float[], int, float[], int,
 * int)} on each row.
 */
public final class ReluGrad extends ElementWise {
  private static final long serialVersionUID = 1L;

  /** The relu gradient at the forward input {@code x} of the upstream gradient {@code dy}. */
  public ReluGrad(Expression x, Expression dy) {
    super("relu_grad", true, false, x, dy);
  }

  @Override
  protected Expression withArgs(List<Expression> a) {
    return new ReluGrad(a.get(0), a.get(1));
  }

  @Override
  String callSource(String r, String a, String b, String n, String alpha) {
    return r + ".reluGrad(" + a + ", 0, " + b + ", 0, " + a + ", 0, " + n + ")";
  }

  @Override
  void call(Rectifier r, float[] a, float[] b, int n, float alpha) {
    r.reluGrad(a, 0, b, 0, a, 0, n);
  }

  @Override
  void call(Rectifier r, double[] a, double[] b, int n, double alpha) {
    r.reluGrad(a, 0, b, 0, a, 0, n);
  }
}
