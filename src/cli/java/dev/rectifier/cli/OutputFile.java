package dev.rectifier.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks a file an option names for writing before the command runs, so that a run is not lost to a
 * path it cannot write at the end: the folder exists, the path is not a folder, and a file can be
 * created there (or the existing one opened for writing). The check leaves nothing behind and does
 * not touch an existing file's contents.
 */
final class OutputFile {
  private OutputFile() {}

  /** Throws a usage error naming {@code option} and {@code file} if it cannot be written. */
  static void require(CommandSpec spec, String option, Path file) {
    String problem = problem(file);
    if (problem != null) {
      throw Usage.invalid(spec, option, problem);
    }
  }

  /** Why {@code file} cannot be written, or null if it can. */
  static String problem(Path file) {
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return "'" + file + "' is a folder, not a file";
    }
    Path folder = absolute.getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      return "cannot write '"
          + file
          + "': "
          + (Files.exists(folder)
              ? "'" + folder + "' is not a folder"
              : "the folder '" + folder + "' does not exist");
    }
    try {
      if (!Files.exists(absolute)) {
        Files.delete(Files.createFile(absolute));
      } else if (Files.isRegularFile(absolute)) {
        FileChannel.open(absolute, StandardOpenOption.WRITE).close(); // no truncation
      } else if (!Files.isWritable(absolute)) { // a device or pipe: opening one may block
        return "cannot write '" + file + "': permission denied";
      }
      return null;
    } catch (IOException e) {
      return "cannot write '" + file + "': " + reason(e, folder);
    }
  }

  private static String reason(IOException e, Path folder) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no file can be created in '" + folder + "'";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.toString();
  }
}
