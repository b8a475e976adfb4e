package dev.rectifier.opencl;

import dev.rectifier.RectifierException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The OpenCL C source of the activation kernels, read once from the classpath. */
final class KernelSource {
  /** Where {@code kernels/activations.cl} lands on the classpath. */
  static final String PATH = "/kernels/activations.cl";

  private KernelSource() {}

  /** The source text, read on first use. */
  static String activations() {
    return Holder.TEXT;
  }

  private static final class Holder {
    static final String TEXT = read(PATH);
  }

  static String read(String path) {
    try (InputStream in = KernelSource.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new RectifierException("kernel source " + path + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RectifierException("cannot read kernel source " + path + ": " + e.getMessage(), e);
    }
  }
}
