package dev.rectifier.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command writes its report, standard output or an {@code --output} file, keeping the first
 * write that failed: a {@link PrintWriter} alone only sets {@link #checkError()}, so a full disk
 * would lose the report in silence. {@link #finish()} turns a lost write into a {@link
 * CommandFailure} naming the destination and the reason; a closed pipe (the reader stopped reading,
 * as in {@code rectifier bench | head -3}) is not a failure, and ends quietly.
 */
final class Report extends PrintWriter {
  private final KeepsFailure target;
  private final String destination;

  private Report(KeepsFailure target, String destination) {
    super(target, true);
    this.target = target;
    this.destination = destination;
  }

  /** A report to {@code target}, named {@code destination} in the failure's message. */
  static Report to(Writer target, String destination) {
    return new Report(new KeepsFailure(target), destination);
  }

  /** The process's standard output, in the platform's encoding (as {@code System.out}). */
  static Report toStandardOutput() {
    String encoding = System.getProperty("stdout.encoding");
    Charset charset =
        encoding != null && Charset.isSupported(encoding)
            ? Charset.forName(encoding)
            : Charset.defaultCharset();
    return to(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset),
        "standard output");
  }

  /** A new or truncated {@code file}. */
  static Report toFile(Path file) throws IOException {
    return to(Files.newBufferedWriter(file), file.toString());
  }

  /**
   * Flushes and closes the report, then throws a {@link CommandFailure} if any write was lost,
   * unless to a closed pipe.
   */
  void finish() {
    close();
    IOException lost = target.failure;
    if (lost != null && !closedPipe(lost)) {
      throw new CommandFailure("cannot write " + destination + ": " + reason(lost), lost);
    }
  }

  /** EPIPE, as Java reports it: the reader closed its end. */
  private static boolean closedPipe(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("Broken pipe");
  }

  /**
   * The reason of a failed write, in a few words: the first line of the innermost {@link
   * IOException}'s message in its causes (the image and SVG writers wrap the file system's "No
   * space left on device" in messages of their own).
   */
  static String reason(IOException e) {
    String reason = e.toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException && t.getMessage() != null) {
        reason = t.getMessage();
      }
    }
    return reason.lines().findFirst().orElse(reason);
  }

  /** Passes everything on, keeping the first {@link IOException} the target threw. */
  private static final class KeepsFailure extends FilterWriter {
    private IOException failure;

    KeepsFailure(Writer target) {
      super(target);
    }

    @Override
    public void write(int c) throws IOException {
      try {
        super.write(c);
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      try {
        super.write(chars, offset, length);
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      try {
        super.write(text, offset, length);
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        super.flush();
      } catch (IOException e) {
        throw kept(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } catch (IOException e) {
        throw kept(e);
      }
    }

    private IOException kept(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }
  }
}
