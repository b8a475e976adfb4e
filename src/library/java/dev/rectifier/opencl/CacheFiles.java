package dev.rectifier.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Files kept in rectifier's cache folder beside the program binaries, for code outside this package
 * (the auto choice's calibration): the folder is {@link ProgramBinaryCache}'s. Public only within
 * the module, whose exports leave this package out.
 */
public final class CacheFiles {
  private CacheFiles() {}

  /**
   * The file named {@code prefix}, the hex SHA-256 of {@code identity}, then {@code suffix}, in the
   * folder {@code rectifier.cacheDir} names, else {@code $XDG_CACHE_HOME/rectifier}, else {@code
   * ~/.cache/rectifier}.
   */
  public static Path named(String prefix, String identity, String suffix) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return ProgramBinaryCache.defaultFolder()
          .resolve(prefix + HexFormat.of().formatHex(digest) + suffix);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JVM", e);
    }
  }

  /** This rectifier's version as Maven wrote it into {@code version.properties}, else unknown. */
  public static String rectifierVersion() {
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
