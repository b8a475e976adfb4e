package dev.rectifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the charts of {@code plot} and {@code bench --plot}, headless. Drawing text loads Java's
 * font stack, which needs system libraries (freetype, harfbuzz and fontconfig on Debian's Java;
 * fontconfig alone on Temurin's) and a font; when one is missing, AWT throws an {@link Error} (or,
 * on newer Java, a RuntimeException) from deep inside, which becomes a {@link CommandFailure}: one
 * line saying what to install.
 */
final class Charts {
  /** The Debian and Ubuntu package of each library Java's font and image stack links. */
  private static final Map<String, String> DEBIAN_PACKAGES =
      Map.ofEntries(
          Map.entry("libfreetype.so.6", "libfreetype6"),
          Map.entry("libharfbuzz.so.0", "libharfbuzz0b"),
          Map.entry("libfontconfig.so.1", "libfontconfig1"),
          Map.entry("libpng16.so.16", "libpng16-16"),
          Map.entry("libbrotlidec.so.1", "libbrotli1"),
          Map.entry("libglib-2.0.so.0", "libglib2.0-0"),
          Map.entry("libgraphite2.so.3", "libgraphite2-3"),
          Map.entry("liblcms2.so.2", "liblcms2-2"),
          Map.entry("libjpeg.so.62", "libjpeg62-turbo"),
          Map.entry("libz.so.1", "zlib1g"));

  /** The library the dynamic linker could not find, in an {@link UnsatisfiedLinkError}. */
  private static final Pattern NOT_FOUND =
      Pattern.compile("([^\\s/:]+\\.so[.0-9]*): cannot open shared object file");

  private Charts() {}

  /** What makes the chart and writes it to an open stream; all of its AWT work happens here. */
  interface Encoder {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} with {@code encoder}, AWT headless (no display is needed, nor the X11
   * libraries; the first chart the JVM makes fixes that, so the encoder makes its chart itself). A
   * failure of the graphics stack becomes a {@link CommandFailure} and removes the half-written
   * file, and so does a failed write (a full disk); anything else (running out of memory, a mistake
   * in drawing) stays what it is.
   */
  static void write(Path file, Encoder encoder) throws IOException {
    System.setProperty("java.awt.headless", "true");
    try (OutputStream out = Files.newOutputStream(file)) {
      encoder.write(out);
    } catch (IOException e) {
      removeHalfWritten(file);
      throw new CommandFailure("cannot write " + file + ": " + Report.reason(e), e);
    } catch (Error | RuntimeException e) {
      if (!fromGraphicsStack(e)) {
        throw e;
      }
      removeHalfWritten(file);
      throw new CommandFailure(
          ("cannot draw " + file + ": " + problem(e)).replaceAll("\\s*\\R\\s*", " "), e);
    }
  }

  /** Deletes {@code file} if it is a regular file (never a device such as /dev/full). */
  private static void removeHalfWritten(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      Files.delete(file);
    }
  }

  /**
   * Whether {@code e} is the graphics stack's: any {@link Error} but running out of memory or
   * stack, and a {@link RuntimeException} thrown by Java's AWT itself (module java.desktop: Java 25
   * throws "Fontconfig head is null" as it is, where Java 17 wraps it in an InternalError), not one
   * of VectorGraphics2D's or ours.
   */
  private static boolean fromGraphicsStack(Throwable e) {
    if (e instanceof Error) {
      return !(e instanceof VirtualMachineError) || e instanceof InternalError;
    }
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && "java.desktop".equals(trace[0].getModuleName());
  }

  /** What is missing, and how to install it, in a few words. */
  private static String problem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m =
          t instanceof UnsatisfiedLinkError && t.getMessage() != null
              ? NOT_FOUND.matcher(t.getMessage())
              : null;
      if (m != null && m.find()) {
        String library = m.group(1);
        String name = "the system library " + library + " is missing (Java's graphics link it)";
        String pkg = DEBIAN_PACKAGES.get(library);
        return pkg == null
            ? name + "; install the package that provides it"
            : name + "; install it, e.g. on Debian or Ubuntu: apt-get install " + pkg;
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return (root.getMessage() == null ? root.toString() : root.getMessage())
        + " (Java's fonts need fontconfig and a font, e.g. on Debian or Ubuntu: apt-get install"
        + " libfontconfig1 fonts-dejavu-core)";
  }
}
