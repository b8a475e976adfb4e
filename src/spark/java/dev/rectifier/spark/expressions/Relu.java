package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;

/** {@code relu(x)}: {@link Rectifier#relu(float[], int, float[], int, int)} on each row. */
public final class Relu extends ElementWise {
  private static final long serialVersionUID = 1L;

  /** relu of the array {@code x}. */
  public Relu(Expression x) {
    super("relu", false, false, x);
  }

  @Override
  protected Expression withArgs(List<Expression> a) {
    return new Relu(a.get(0));
  }

  @Override
  String callSource(String r, String a, String b, String n, String alpha) {
    return r + ".relu(" + a + ", 0, " + a + ", 0, " + n + ")";
  }

  @Override
  void call(Rectifier r, float[] a, float[] b, int n, float alpha) {
    r.relu(a, 0, a, 0, n);
  }

  @Override
  void call(Rectifier r, double[] a, double[] b, int n, double alpha) {
    r.relu(a, 0, a, 0, n);
  }
}
