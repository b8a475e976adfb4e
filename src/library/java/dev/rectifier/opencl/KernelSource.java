package dev.rectifier.opencl;

import dev.rectifier.RectifierException;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenCL C source of the activation kernels: read once from the classpath, or from the file
 * that system property {@code rectifier.kernelSource} or environment variable {@code
 * RECTIFIER_KERNEL_SOURCE} names (for trying a kernel without a rebuild). An override file that
 * cannot be read, is not UTF-8 or holds more than 16 MiB is a {@link RectifierException}, which
 * auto choice turns into the CPU backend.
 */
final class KernelSource {
  /** Where {@code kernels/activations.cl} lands on the classpath. */
  static final String PATH = "/kernels/activations.cl";

  /** The most bytes an override file may hold: far above any kernel source, far below a heap. */
  static final int MAX_BYTES = 16 << 20;

  private KernelSource() {}

  /**
   * The source text: the override file's, read at each call, else the bundled one.
   *
   * @throws RectifierException if the override file cannot be read, is not UTF-8, or holds more
   *     than {@link #MAX_BYTES} (16 MiB)
   */
  static String activations() {
    String file = override();
    if (file.isEmpty()) {
      return Holder.TEXT;
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e.toString(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw unreadable(file, "it is larger than 16 MiB", null);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw unreadable(file, "it is not UTF-8 text: " + e, e);
    }
  }

  private static RectifierException unreadable(String file, String why, Exception cause) {
    return new RectifierException(
        "cannot read kernel source " + file + " (" + Setting.KERNEL_SOURCE.property() + "): " + why,
        cause);
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
