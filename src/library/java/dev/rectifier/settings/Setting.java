package dev.rectifier.settings;

/**
 * Every setting a user gives rectifier without code: a system property, else an environment
 * variable. Internal (this package is not exported); the facade and the backends read their own.
 */
public enum Setting {
  /**
   * {@code auto} (the default), {@code cpu} or {@code opencl}: which backend {@code create()}
   * takes.
   */
  BACKEND("rectifier.backend", "RECTIFIER_BACKEND"),
  /** An OpenCL device index or name substring; empty for the best device. */
  DEVICE("rectifier.device", "RECTIFIER_DEVICE"),
  /** The array length from which auto sends Java arrays to the device, or {@code never}. */
  CROSSOVER("rectifier.crossover", "RECTIFIER_CROSSOVER"),
  /** A file to read the OpenCL C source from instead of the bundled one. */
  KERNEL_SOURCE("rectifier.kernelSource", "RECTIFIER_KERNEL_SOURCE"),
  /** The folder rectifier caches program binaries and calibrations in. */
  CACHE_DIR("rectifier.cacheDir", "RECTIFIER_CACHE_DIR"),
  /** {@code false} turns the program binary cache off. */
  BINARY_CACHE("rectifier.binaryCache", "RECTIFIER_BINARY_CACHE");

  private final String property;
  private final String variable;

  Setting(String property, String variable) {
    this.property = property;
    this.variable = variable;
  }

  /** The system property, e.g. {@code rectifier.backend}. */
  public String property() {
    return property;
  }

  /** The environment variable, e.g. {@code RECTIFIER_BACKEND}. */
  public String variable() {
    return variable;
  }

  /** The trimmed value of the system property, else of the variable; empty if neither is set. */
  public String value() {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(variable);
    }
    return value == null ? "" : value.trim();
  }
}
