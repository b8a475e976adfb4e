package dev.rectifier;

import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

  /**
   * The environment for a child JVM whose create() follows the defaults (no RECTIFIER_ setting
   * inherited) with its cache in {@code cache}.
   */
  public static Map<String, String> defaultsWithCacheIn(Path cache) {
    Map<String, String> env = new HashMap<>();
    for (Setting s : Setting.values()) {
      env.put(s.variable(), null);
    }
    env.put(Setting.CACHE_DIR.variable(), cache.toString());
    return env;
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
