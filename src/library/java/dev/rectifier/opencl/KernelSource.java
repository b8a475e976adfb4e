package dev.rectifier.opencl;

import dev.rectifier.RectifierException;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenCL C source of the activation kernels: read once from the classpath, or from the file
 * that system property {@code rectifier.kernelSource} or environment variable {@code
 * RECTIFIER_KERNEL_SOURCE} names (for trying a kernel without a rebuild).
 */
final class KernelSource {
  /** Where {@code kernels/activations.cl} lands on the classpath. */
  static final String PATH = "/kernels/activations.cl";

  private KernelSource() {}

  /** The source text: the override file's, read at each call, else the bundled one. */
  static String activations() {
    String file = override();
    if (file.isEmpty()) {
      return Holder.TEXT;
    }
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new RectifierException(
          "cannot read kernel source " + file + " (" + Setting.KERNEL_SOURCE.property() + "): " + e,
          e);
    }
  }

  /** Where {@link #activations()} comes from, for messages. */
  static String origin() {
    String file = override();
    return file.isEmpty() ? PATH : file;
  }

  private static String override() {
    return Setting.KERNEL_SOURCE.value();
  }

  private static final class Holder {
    static final String TEXT = read(PATH);
  }

  private static String read(String path) {
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
