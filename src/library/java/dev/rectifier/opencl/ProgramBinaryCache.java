package dev.rectifier.opencl;

import dev.rectifier.DeviceInfo;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Compiled program binaries on disk, so that a new JVM skips the OpenCL compiler. An entry's name
 * is the SHA-256 of everything that shapes the binary: the source, the build options, the device,
 * its driver and platform. Any problem reading or writing the cache is logged and ignored: the
 * caller compiles from source instead.
 *
 * <p>The folder is {@code rectifier.cacheDir} (system property) or {@code RECTIFIER_CACHE_DIR},
 * else {@code $XDG_CACHE_HOME/rectifier}, else {@code ~/.cache/rectifier}. Setting {@code
 * rectifier.binaryCache=false} (or {@code RECTIFIER_BINARY_CACHE=false}) turns the cache off.
 */
final class ProgramBinaryCache {
  private static final Logger LOG = System.getLogger("dev.rectifier");

  private final Path folder;

  private ProgramBinaryCache(Path folder) {
    this.folder = folder;
  }

  /** The cache the settings describe, or empty when it is turned off. */
  static Optional<ProgramBinaryCache> fromSettings() {
    String enabled = Setting.BINARY_CACHE.value();
    if (enabled.equalsIgnoreCase("false")) {
      return Optional.empty();
    }
    return Optional.of(new ProgramBinaryCache(defaultFolder()));
  }

  /** The folder rectifier caches things in, per the settings. */
  static Path defaultFolder() {
    String dir = Setting.CACHE_DIR.value();
    if (!dir.isEmpty()) {
      return Path.of(dir);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("rectifier");
  }

  /** A cache in {@code folder}. */
  static ProgramBinaryCache in(Path folder) {
    return new ProgramBinaryCache(folder);
  }

  /** The key of a build: a hex SHA-256 of its parts. */
  static String key(String source, String options, DeviceInfo device) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            source,
            options,
            device.platform(),
            device.name(),
            device.vendor(),
            device.driverVersion(),
            device.openClVersion()
          }) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The binary stored under {@code key}, if there is one that can be read. */
  Optional<byte[]> load(String key) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      LOG.log(Level.INFO, "rectifier: cannot read cached program {0}: {1}", file, e);
      return Optional.empty();
    }
  }

  /** Stores {@code binary} under {@code key}, atomically; failures are logged, not thrown. */
  void store(String key, byte[] binary) {
    Path file = file(key);
    try {
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, key, ".partial");
      try {
        Files.write(partial, binary);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.INFO, "rectifier: cannot cache program binary in {0}: {1}", folder, e);
    }
  }

  /** Removes the entry under {@code key}, e.g. after the device rejected it. */
  void evict(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      LOG.log(Level.INFO, "rectifier: cannot remove cached program {0}: {1}", file(key), e);
    }
  }

  private Path file(String key) {
    return folder.resolve(key + ".bin");
  }
}
