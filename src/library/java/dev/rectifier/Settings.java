package dev.rectifier;

import dev.rectifier.opencl.Setting;
import java.util.Locale;

/**
 * The backend settings a user can give without code: a system property, else an environment
 * variable, else the default.
 *
 * @param backend {@code auto}, {@code cpu} or {@code opencl}
 * @param device an OpenCL device index or name substring; empty for "best"
 */
record Settings(String backend, String device) {
  static final String BACKEND_PROPERTY = "rectifier.backend";
  static final String BACKEND_ENV = "RECTIFIER_BACKEND";
  static final String DEVICE_PROPERTY = "rectifier.device";
  static final String DEVICE_ENV = "RECTIFIER_DEVICE";

  /** The settings of this JVM. */
  static Settings fromEnvironment() {
    String backend = Setting.lookup(BACKEND_PROPERTY, BACKEND_ENV).toLowerCase(Locale.ROOT);
    return new Settings(
        backend.isEmpty() ? "auto" : backend, Setting.lookup(DEVICE_PROPERTY, DEVICE_ENV));
  }

  boolean hasDevice() {
    return !device.isEmpty();
  }
}
