package dev.rectifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM: {@link Rectifier#create()} as the settings in its environment make it, then
 * what it chose, or what it threw, and whether an OpenCL library was loaded into the process.
 */
public final class CreateProbe {
  private CreateProbe() {}

  public static void main(String[] args) throws IOException {
    try (Rectifier r = Rectifier.create()) {
      System.out.println("describe=" + r.describe());
      System.out.println("reason=" + r.reason());
    } catch (RuntimeException e) {
      System.out.println("threw=" + e.getClass().getName() + ": " + e.getMessage());
    }
    System.out.println("openClLoaded=" + openClLibrariesLoaded());
  }

  /** The OpenCL libraries (the ICD loader, PoCL, JOCL's binding) mapped into this process. */
  static String openClLibrariesLoaded() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .filter(
            path -> path.contains("libOpenCL") || path.contains("libpocl") || path.contains("JOCL"))
        .map(path -> Path.of(path).getFileName().toString())
        .distinct()
        .sorted()
        .toList()
        .toString();
  }
}
