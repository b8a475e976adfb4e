package dev.rectifier.choice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * This machine's OpenCL drivers as an ICD loader finds them, described from files and the
 * environment alone, without loading any OpenCL library: the vendor files ({@code
 * /etc/OpenCL/vendors/*.icd}, or the folder or file {@code OCL_ICD_VENDORS} names), the libraries
 * listed in {@code OCL_ICD_FILENAMES}, and the path, size and modification time of each library
 * they name. A bare library name is looked up as the dynamic linker would, roughly: {@code
 * LD_LIBRARY_PATH}, the folders of {@code /etc/ld.so.conf}, then the usual library folders; one not
 * found is described as unresolved. Installing, removing or updating a driver changes the
 * description, which is what keys the auto choice's cached calibration.
 */
final class OpenClDrivers {
  private static final Path VENDORS = Path.of("/etc/OpenCL/vendors");
  private static final Path LD_SO_CONF = Path.of("/etc/ld.so.conf");
  private static final List<Path> USUAL_LIBRARY_FOLDERS =
      Stream.of("/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib")
          .map(Path::of)
          .toList();

  private OpenClDrivers() {}

  /** This machine's drivers, per the environment of this process. */
  static String describe() {
    List<Path> folders = new ArrayList<>();
    readLinkerConfig(LD_SO_CONF, folders, 0);
    folders.addAll(USUAL_LIBRARY_FOLDERS);
    return describe(System::getenv, VENDORS, folders);
  }

  /**
   * The drivers as {@code env} and the files show them: {@code vendors} is the vendor folder used
   * when {@code OCL_ICD_VENDORS} is unset, {@code libraryFolders} where bare library names are
   * found after {@code LD_LIBRARY_PATH}. One line per fact, in a stable order.
   */
  static String describe(UnaryOperator<String> env, Path vendors, List<Path> libraryFolders) {
    List<Path> searched = new ArrayList<>(folders(env.apply("LD_LIBRARY_PATH")));
    searched.addAll(libraryFolders);
    StringBuilder out = new StringBuilder();
    String vendorsSet = env.apply("OCL_ICD_VENDORS");
    String filenames = env.apply("OCL_ICD_FILENAMES");
    out.append("OCL_ICD_VENDORS ").append(orUnset(vendorsSet)).append('\n');
    out.append("OCL_ICD_FILENAMES ").append(orUnset(filenames)).append('\n');
    if (filenames != null) {
      for (String library : filenames.split(":")) {
        if (!library.isBlank()) {
          out.append(library(library.strip(), searched));
        }
      }
    }
    Path where = vendorsSet == null || vendorsSet.isBlank() ? vendors : Path.of(vendorsSet);
    for (Path icd : icdFiles(where, out)) {
      String named = firstLine(icd);
      out.append("icd ").append(icd).append(": ").append(named).append('\n');
      if (!named.isEmpty()) {
        out.append(library(named, searched));
      }
    }
    return out.toString();
  }

  /** The vendor files at {@code where}: a folder's {@code *.icd} files by name, or one file. */
  private static List<Path> icdFiles(Path where, StringBuilder out) {
    if (Files.isRegularFile(where)) {
      out.append("vendors file ").append(where).append('\n');
      return List.of(where);
    }
    if (!Files.isDirectory(where)) {
      out.append("vendors ").append(where).append(": missing\n");
      return List.of();
    }
    out.append("vendors folder ").append(where).append('\n');
    try (Stream<Path> files = Files.list(where)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".icd"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      out.append("vendors ").append(where).append(": unreadable (").append(e).append(")\n");
      return List.of();
    }
  }

  /** What the loader will load for {@code name}: its real path, size and modification time. */
  private static String library(String name, List<Path> searched) {
    List<Path> candidates =
        name.contains("/")
            ? List.of(Path.of(name))
            : searched.stream().map(folder -> folder.resolve(name)).toList();
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        try {
          BasicFileAttributes a = Files.readAttributes(candidate, BasicFileAttributes.class);
          return String.format(
              Locale.ROOT,
              "library %s: %s, %d bytes, modified %s%n",
              name,
              candidate.toRealPath(),
              a.size(),
              a.lastModifiedTime());
        } catch (IOException e) {
          return "library " + name + ": " + candidate + " unreadable (" + e + ")\n";
        }
      }
    }
    return "library " + name + ": unresolved\n";
  }

  /** The first line of a vendor file, trimmed: the library it names. */
  private static String firstLine(Path icd) {
    try {
      String text = new String(Files.readAllBytes(icd), StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      return "unreadable (" + e + ")";
    }
  }

  /**
   * Adds the folders a dynamic linker configuration lists, following its {@code include} lines (a
   * file name pattern, as in {@code include /etc/ld.so.conf.d/*.conf}) a few levels deep.
   */
  static void readLinkerConfig(Path config, List<Path> folders, int depth) {
    List<String> lines;
    try {
      lines = Files.readAllLines(config, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return; // no configuration: the usual folders follow
    }
    for (String raw : lines) {
      String line = raw.replaceFirst("#.*", "").strip();
      if (line.startsWith("include ") && depth < 4) {
        Path pattern = config.resolveSibling(line.substring("include ".length()).strip());
        for (Path included : matching(pattern)) {
          readLinkerConfig(included, folders, depth + 1);
        }
      } else if (line.startsWith("/")) {
        folders.add(Path.of(line));
      }
    }
  }

  private static List<Path> matching(Path pattern) {
    List<Path> found = new ArrayList<>();
    Path folder = pattern.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return found;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, pattern.getFileName().toString())) {
      files.forEach(found::add);
    } catch (IOException | RuntimeException e) {
      return found; // an unreadable folder or a pattern the file system cannot match
    }
    found.sort(null);
    return found;
  }

  private static List<Path> folders(String pathList) {
    if (pathList == null || pathList.isBlank()) {
      return List.of();
    }
    return Stream.of(pathList.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
  }

  private static String orUnset(String value) {
    return value == null ? "unset" : "'" + value + "'";
  }
}
