package dev.rectifier.examples.mlp;

/**
 * One stage of {@link StepCheck}: what was compared, whether it held, and how closely.
 *
 * @param stage what the device computed, e.g. {@code a1 = leakyRelu(z1) (rectifier)}
 * @param passed whether it held
 * @param detail how it held or where it first did not
 */
public record Finding(String stage, boolean passed, String detail) {
  /** {@code ok stage: detail}, or {@code FAIL stage: detail}. */
  @Override
  public String toString() {
    return (passed ? "ok   " : "FAIL ") + stage + ": " + detail;
  }
}
