package dev.rectifier.opencl;

/**
 * A rectifier setting a user gives without code: a system property, else an environment variable.
 */
public final class Setting {
  private Setting() {}

  /** The trimmed value of {@code property}, else of {@code variable}; empty if neither is set. */
  public static String lookup(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(variable);
    }
    return value == null ? "" : value.trim();
  }
}
