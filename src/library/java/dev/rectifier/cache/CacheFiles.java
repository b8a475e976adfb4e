package dev.rectifier.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Files kept in rectifier's cache folder beside the program binaries, for code outside this package
 * (the auto choice's calibration): the folder is {@link ProgramBinaryCache}'s. Public only within
 * the module, whose exports leave this package out.
 */
public final class CacheFiles {
  private static final String VERSION = readVersion();

  private CacheFiles() {}

  /**
   * The file named {@code prefix}, the hex SHA-256 of {@code identity}, then {@code suffix}, in the
   * folder {@code rectifier.cacheDir} names, else {@code $XDG_CACHE_HOME/rectifier}, else {@code
   * ~/.cache/rectifier}.
   */
  public static Path named(String prefix, String identity, String suffix) {
    String hash = ProgramBinaryCache.sha256Hex(identity.getBytes(StandardCharsets.UTF_8));
    return ProgramBinaryCache.defaultFolder().resolve(prefix + hash + suffix);
  }

  /** This rectifier's version as Maven wrote it into {@code version.properties}, else unknown. */
  public static String rectifierVersion() {
    return VERSION;
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = CacheFiles.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown: the rest of what keys a cache entry still applies
    }
    return p.getProperty("version", "unknown").strip();
  }
}
