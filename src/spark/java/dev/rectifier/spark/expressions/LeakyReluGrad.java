package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * {@code leaky_relu_grad(x, dy, alpha)}: {@link Rectifier#leakyReluGrad(float[], int, float[], int,
 * float[], int, int, float)} on each row.
 */
public final class LeakyReluGrad extends ElementWise {
  private static final long serialVersionUID = 1L;

  /** The Leaky ReLU gradient at {@code x} of {@code dy}, with the constant {@code alpha}. */
  public LeakyReluGrad(Expression x, Expression dy, Expression alpha) {
    super("leaky_relu_grad", true, true, x, dy, alpha);
  }

  @Override
  protected Expression withArgs(List<Expression> a) {
    return new LeakyReluGrad(a.get(0), a.get(1), a.get(2));
  }

  @Override
  String callSource(String r, String a, String b, String n, String alpha) {
    return r + ".leakyReluGrad(" + a + ", 0, " + b + ", 0, " + a + ", 0, " + n + ", " + alpha + ")";
  }

  @Override
  void call(Rectifier r, float[] a, float[] b, int n, float alpha) {
    r.leakyReluGrad(a, 0, b, 0, a, 0, n, alpha);
  }

  @Override
  void call(Rectifier r, double[] a, double[] b, int n, double alpha) {
    r.leakyReluGrad(a, 0, b, 0, a, 0, n, alpha);
  }
}
