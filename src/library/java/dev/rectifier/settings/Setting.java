package dev.rectifier.settings;

/**
 * Every setting a user gives rectifier without code: a system property, else an environment
 * variable, {@code RECTIFIER_} and the constant's name. Internal (this package is not exported);
 * the facade and the backends read their own.
 */
public enum Setting {
  /** {@code RECTIFIER_BACKEND}: {@code auto} (when empty), {@code cpu} or {@code opencl}. */
  BACKEND("rectifier.backend"),
  /** {@code RECTIFIER_DEVICE}: an OpenCL device index or name substring; empty for the best. */
  DEVICE("rectifier.device"),
  /** {@code RECTIFIER_CROSSOVER}: the length from which auto sends Java arrays to the device. */
  CROSSOVER("rectifier.crossover"),
  /** {@code RECTIFIER_RECALIBRATE}: {@code true} measures the auto choice's crossover again. */
  RECALIBRATE("rectifier.recalibrate"),
  /** {@code RECTIFIER_KERNEL_SOURCE}: a file to read the OpenCL C source from instead. */
  KERNEL_SOURCE("rectifier.kernelSource"),
  /** {@code RECTIFIER_CACHE_DIR}: the folder for program binaries and calibrations. */
  CACHE_DIR("rectifier.cacheDir"),
  /** {@code RECTIFIER_BINARY_CACHE}: {@code false} turns the program binary cache off. */
  BINARY_CACHE("rectifier.binaryCache");

  private final String property;

  Setting(String property) {
    this.property = property;
  }

  /** The system property, e.g. {@code rectifier.backend}. */
  public String property() {
    return property;
  }

  /** The environment variable, e.g. {@code RECTIFIER_BACKEND}. */
  public String variable() {
    return "RECTIFIER_" + name();
  }

  /**
   * The exception for a value of this setting that breaks {@code rule}: e.g. {@code
   * rectifier.backend (or RECTIFIER_BACKEND) must be auto, cpu or opencl, was 'gpu'}.
   */
  public IllegalArgumentException rejected(String value, String rule) {
    return new IllegalArgumentException(
        property + " (or " + variable() + ") " + rule + ", was '" + value + "'");
  }

  /**
   * The value of a yes-or-no setting: {@code true} or {@code false} in any case, {@code unset} when
   * it is empty. Nothing else is taken for either (not {@code off}, {@code 0} or {@code no}): a
   * setting that turns off a cache of code loaded into the JVM must not be read as on by mistake.
   *
   * @throws IllegalArgumentException naming the setting for any other value
   */
  public boolean flag(boolean unset) {
    String value = value();
    if (value.isEmpty()) {
      return unset;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw rejected(value, "must be true or false");
  }

  /** The trimmed value of the system property, else of the variable; empty if neither is set. */
  public String value() {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(variable());
    }
    return value == null ? "" : value.trim();
  }
}
