package dev.rectifier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Paths a command cannot write a file to, for the output options' tests. */
final class Unwritable {
  /** The kinds {@link #path} makes, for {@code @ValueSource}. */
  static final String MISSING_FOLDER = "missing folder";

  static final String A_FOLDER = "a folder";
  static final String PROC = "/proc";

  private Unwritable() {}

  /**
   * A path named {@code name} that cannot be written, of {@code kind}, under {@code dir}; aborts
   * the test where this machine has no such path (/proc is Linux's). A folder is unwritable to its
   * user by its mode only when that user is not root, as in CI; /proc is unwritable to everyone.
   */
  static Path path(String kind, Path dir, String name) throws IOException {
    switch (kind) {
      case MISSING_FOLDER:
        return dir.resolve("missing").resolve(name);
      case A_FOLDER:
        return Files.createDirectories(dir.resolve(name));
      case PROC:
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
        return Path.of("/proc").resolve(name);
      default:
        throw new IllegalArgumentException(kind);
    }
  }
}
