package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rectifier.generator.PrecisionCodeGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported package, {@code dev.rectifier}, holds the types users hold and nothing else: an
 * internal type added there (public or not) fails here, and belongs in one of the internal packages
 * (see each package-info and docs/architecture.md).
 */
class ExportedPackageTest {
  private static final Set<String> API =
      Set.of(
          "DeviceArray",
          "DeviceInfo",
          "DeviceTiming",
          "DeviceType",
          "Op",
          "OpenClUnavailableException",
          "Precision",
          "Rectifier",
          "RectifierException",
          "package-info");

  @Test
  void theExportedPackageHoldsTheApiAlone() throws IOException {
    Path exported =
        PrecisionCodeGenerator.repositoryRoot(Path.of("").toAbsolutePath())
            .resolve("src/library/java/dev/rectifier");
    try (Stream<Path> files = Files.list(exported)) {
      Set<String> types =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .map(f -> f.getFileName().toString().replaceFirst("\\.java$", ""))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(API), types);
    }
  }
}
