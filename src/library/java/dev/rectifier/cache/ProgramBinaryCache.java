package dev.rectifier.cache;

import dev.rectifier.DeviceInfo;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Compiled program binaries on disk, so that a new JVM skips the OpenCL compiler. An entry's name
 * is the SHA-256 of everything that shapes the binary: the source, the build options, the device,
 * its driver and platform. Any problem reading or writing the cache is logged and ignored: the
 * caller compiles from source instead.
 *
 * <p>A program binary is code a driver loads without checking it (PoCL's is a shared object; a
 * truncated one crashed the JVM in {@code clCreateProgramWithBinary}), so an entry carries a header
 * that is checked before any driver sees the binary: the {@linkplain #FORMAT format}, the rectifier
 * version that wrote it, the key it was stored under, the binary's length and its SHA-256. An entry
 * whose header does not match (a truncated or garbled file, an entry renamed to another key, one
 * written by another rectifier version) is evicted and {@link #load} answers empty, so the caller
 * compiles and stores a fresh one.
 *
 * <p>Whoever can write the folder can make every JVM that uses it run their code, so the folder is
 * used only when it and each entry belong to the current user and nobody else may write them (a
 * {@link PrivateFolder}); otherwise kernels are compiled afresh and the reason is logged once.
 * Folders the cache creates are mode 0700, entries 0600.
 *
 * <p>The folder is {@code rectifier.cacheDir} (system property) or {@code RECTIFIER_CACHE_DIR},
 * else {@code $XDG_CACHE_HOME/rectifier}, else {@code ~/.cache/rectifier}. Setting {@code
 * rectifier.binaryCache=false} (or {@code RECTIFIER_BINARY_CACHE=false}) turns the cache off.
 */
public final class ProgramBinaryCache {
  /** The first line of every entry; it changes whenever the layout of entries does. */
  static final String FORMAT = "rectifier program binary 1";

  /** The version of rectifier that writes entries here; entries of other versions are evicted. */
  static final String VERSION = CacheFiles.rectifierVersion();

  /** The largest entry read: far above any program binary, far below a heap's worth. */
  static final long MAX_ENTRY_BYTES = 64L << 20;

  /** The longest header read before the blank line that ends it. */
  private static final int MAX_HEADER_BYTES = 1024;

  private static final Logger LOG = System.getLogger("dev.rectifier");

  private final Path folder;

  private ProgramBinaryCache(Path folder) {
    this.folder = folder;
  }

  /**
   * The cache the settings describe, or empty when it is turned off.
   *
   * @throws IllegalArgumentException naming the setting if {@code rectifier.binaryCache} is neither
   *     true, false nor empty
   */
  public static Optional<ProgramBinaryCache> fromSettings() {
    if (!Setting.BINARY_CACHE.flag(true)) {
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
  public static ProgramBinaryCache in(Path folder) {
    return new ProgramBinaryCache(folder);
  }

  /** The key of a build: a hex SHA-256 of its parts. */
  public static String key(String source, String options, DeviceInfo device) {
    MessageDigest sha = sha256();
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
  }

  /**
   * The binary stored under {@code key}, if there is one whose header matches it (format, version,
   * key, length, SHA-256). An entry that does not match is evicted, and the reason logged.
   */
  public Optional<byte[]> load(String key) {
    Optional<PrivateFolder> trusted = folder();
    if (trusted.isEmpty()) {
      return Optional.empty();
    }
    String problem;
    byte[] binary = null;
    try {
      Optional<byte[]> entry = trusted.get().read(name(key), MAX_ENTRY_BYTES);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      binary = payload(entry.get());
      problem = binary == null ? "it has no header" : mismatch(entry.get(), key, binary);
    } catch (IOException e) {
      problem = "cannot read it (" + e + ")";
    }
    if (problem != null) {
      LOG.log(
          Level.INFO,
          "rectifier: discarding cached program {0}: {1}; it will be compiled again",
          file(key),
          problem);
      evict(key);
      return Optional.empty();
    }
    return Optional.of(binary);
  }

  /**
   * Stores {@code binary} under {@code key}, atomically and readable by the user alone; failures
   * are logged, not thrown.
   */
  public void store(String key, byte[] binary) {
    Optional<PrivateFolder> trusted = folder();
    if (trusted.isEmpty()) {
      return;
    }
    try {
      trusted.get().write(name(key), entry(key, binary));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.INFO, "rectifier: cannot cache program binary in {0}: {1}", folder, e);
    }
  }

  /** Removes the entry under {@code key}, e.g. after the device rejected it. */
  public void evict(String key) {
    try {
      Optional<PrivateFolder> trusted = folder();
      if (trusted.isPresent()) {
        trusted.get().delete(name(key));
      }
    } catch (IOException e) {
      LOG.log(Level.INFO, "rectifier: cannot remove cached program {0}: {1}", file(key), e);
    }
  }

  /** The folder, if it is the user's alone (else why not is logged, once). */
  private Optional<PrivateFolder> folder() {
    return PrivateFolder.open(folder, "cached program binaries");
  }

  private static String name(String key) {
    return key + ".bin";
  }

  private Path file(String key) {
    return folder.resolve(name(key));
  }

  /** An entry: the header lines, a blank line, then the binary. */
  static byte[] entry(String key, byte[] binary) {
    byte[] header = header(key, binary.length, sha256Hex(binary));
    byte[] entry = Arrays.copyOf(header, header.length + binary.length);
    System.arraycopy(binary, 0, entry, header.length, binary.length);
    return entry;
  }

  private static byte[] header(String key, long length, String sha256) {
    return (FORMAT
            + "\nversion "
            + VERSION
            + "\nkey "
            + key
            + "\nlength "
            + length
            + "\nsha256 "
            + sha256
            + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** What follows the header's blank line, or null if there is none within the first bytes. */
  private static byte[] payload(byte[] entry) {
    int limit = Math.min(entry.length, MAX_HEADER_BYTES);
    for (int i = 1; i < limit; i++) {
      if (entry[i] == '\n' && entry[i - 1] == '\n') {
        return Arrays.copyOfRange(entry, i + 1, entry.length);
      }
    }
    return null;
  }

  /** How the header of {@code entry} differs from what {@code key} and its binary need, or null. */
  private static String mismatch(byte[] entry, String key, byte[] binary) {
    String header =
        new String(entry, 0, entry.length - binary.length, StandardCharsets.UTF_8).strip();
    String[] lines = header.split("\n", -1);
    String[] expected = {
      FORMAT,
      "version " + VERSION,
      "key " + key,
      "length " + binary.length,
      "sha256 " + sha256Hex(binary)
    };
    if (lines.length != expected.length) {
      return "its header has " + lines.length + " lines, not " + expected.length;
    }
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].equals(expected[i])) {
        return "its header says '" + abbreviate(lines[i]) + "' where '" + expected[i] + "' belongs";
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }

  /** The hex SHA-256 of {@code bytes}. */
  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
