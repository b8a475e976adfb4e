package dev.rectifier.opencl;

import dev.rectifier.DeviceInfo;
import java.nio.file.Path;

/**
 * Files kept per OpenCL device in rectifier's cache folder, beside the program binaries, for code
 * outside this package (the auto choice's calibration): the folder and the key are {@link
 * ProgramBinaryCache}'s. Public only within the module, whose exports leave this package out.
 */
public final class CacheFiles {
  private CacheFiles() {}

  /**
   * The file named {@code prefix}, the hex SHA-256 of {@code what}, {@code options} and all that
   * identifies {@code device} and its driver, then {@code suffix}, in the folder {@code
   * rectifier.cacheDir} names, else {@code $XDG_CACHE_HOME/rectifier}, else {@code
   * ~/.cache/rectifier}.
   */
  public static Path forDevice(
      String prefix, String what, String options, DeviceInfo device, String suffix) {
    return ProgramBinaryCache.defaultFolder()
        .resolve(prefix + ProgramBinaryCache.key(what, options, device) + suffix);
  }
}
