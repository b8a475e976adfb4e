package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * {@code leaky_relu(x, alpha)}: {@link Rectifier#leakyRelu(float[], int, float[], int, int, float)}
 * on each row.
 */
public final class LeakyRelu extends ElementWise {
  private static final long serialVersionUID = 1L;

  /** Leaky ReLU of the array {@code x} with the constant {@code alpha}. */
  public LeakyRelu(Expression x, Expression alpha) {
    super("leaky_relu", false, true, x, alpha);
  }

  @Override
  protected Expression withArgs(List<Expression> a) {
    return new LeakyRelu(a.get(0), a.get(1));
  }

  @Override
  String callSource(String r, String a, String b, String n, String alpha) {
    return r + ".leakyRelu(" + a + ", 0, " + a + ", 0, " + n + ", " + alpha + ")";
  }

  @Override
  void call(Rectifier r, float[] a, float[] b, int n, float alpha) {
    r.leakyRelu(a, 0, a, 0, n, alpha);
  }

  @Override
  void call(Rectifier r, double[] a, double[] b, int n, double alpha) {
    r.leakyRelu(a, 0, a, 0, n, alpha);
  }
}
