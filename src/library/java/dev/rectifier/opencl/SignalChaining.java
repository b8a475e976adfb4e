package dev.rectifier.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the JVM's signal handlers are safe from OpenCL drivers built on LLVM (PoCL, Mesa's Clover
 * and rusticl). Loading such a driver replaces the handlers the JVM relies on for safepoints and
 * null checks, and the JVM then dies of SIGSEGV at a random later moment. The JVM's signal chaining
 * library, {@code libjsig}, preloaded with {@code LD_PRELOAD}, keeps them in place.
 */
final class SignalChaining {
  /** Platform names of the drivers known to install LLVM's signal handlers. */
  private static final List<String> LLVM_PLATFORMS =
      List.of("Portable Computing Language", "Clover", "rusticl");

  private SignalChaining() {}

  /** Whether a platform of this name replaces the JVM's signal handlers. */
  static boolean replacesJvmHandlers(String platformName) {
    return LLVM_PLATFORMS.stream().anyMatch(platformName::contains);
  }

  /**
   * Whether {@code libjsig} is loaded in this process, or empty where that cannot be told (no
   * {@code /proc/self/maps}: not Linux).
   */
  static Optional<Boolean> libjsigLoaded() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/self/maps")).contains("/libjsig."));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What to do about it: the LD_PRELOAD setting for this JVM. */
  static String remedy() {
    return "start java with LD_PRELOAD="
        + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")
        + " (scripts/rectifier and the tests do)";
  }
}
