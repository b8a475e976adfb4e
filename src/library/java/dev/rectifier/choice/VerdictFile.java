package dev.rectifier.choice;

import dev.rectifier.DeviceType;
import dev.rectifier.cache.PrivateFolder;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * The verdict file: a {@link Verdict} as properties, with the identity it was measured for, in a
 * folder of this user's own ({@link PrivateFolder}) next to the program binaries.
 */
final class VerdictFile {
  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** What the cache folder holds, for the log when it cannot be used. */
  static final String PURPOSE = "cached calibrations";

  /** The largest verdict file read: far above any real one. */
  private static final long MAX_FILE_BYTES = 1 << 20;

  private VerdictFile() {}

  /**
   * The verdict cached in {@code file} for {@code identity}, if it can be read and is for it, and
   * its folder and it belong to this user alone (anyone else could forge it: see {@link
   * PrivateFolder}).
   */
  static Optional<Verdict> read(Path file, String identity) {
    Optional<PrivateFolder> folder = PrivateFolder.open(file.getParent(), PURPOSE);
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try {
      Optional<byte[]> bytes = folder.get().read(file.getFileName().toString(), MAX_FILE_BYTES);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      p.load(new StringReader(new String(bytes.get(), StandardCharsets.UTF_8)));
      if (!identity.equals(p.getProperty("identity"))) {
        LOG.log(Level.INFO, "rectifier: ignoring calibration {0}, made for another machine", file);
        return Optional.empty();
      }
      String crossover = p.getProperty("crossover");
      List<Sample> samples = new ArrayList<>();
      for (String length : p.getProperty("lengths").split(",", -1)) {
        if (!length.isEmpty()) {
          samples.add(
              new Sample(
                  Integer.parseInt(length),
                  numbers(p.getProperty("cpuNs." + length)),
                  numbers(p.getProperty("deviceNs." + length))));
        }
      }
      return Optional.of(
          new Verdict(
              crossover.equals("never") ? CalibrationRule.NEVER : Integer.parseInt(crossover),
              p.getProperty("device"),
              DeviceType.valueOf(p.getProperty("deviceType")),
              Instant.parse(p.getProperty("date")),
              Long.parseLong(p.getProperty("millis")),
              List.copyOf(samples)));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "rectifier: ignoring unreadable calibration {0}: {1}", file, e);
      return Optional.empty();
    }
  }

  /**
   * Caches {@code verdict} for {@code identity} in {@code file}, if its folder belongs to this user
   * alone; failures are only logged.
   */
  static void write(Path file, String identity, Verdict verdict) {
    StringBuilder text = new StringBuilder();
    text.append("# rectifier: the auto choice's calibration; Java arrays of at least crossover")
        .append(" elements run on the device\n");
    entry(text, "verdict", "Java arrays run " + verdict.outcome());
    entry(
        text,
        "crossover",
        verdict.crossover() == CalibrationRule.NEVER
            ? "never"
            : Integer.toString(verdict.crossover()));
    entry(text, "device", verdict.device());
    entry(text, "deviceType", verdict.deviceType().name());
    entry(text, "date", verdict.date().toString());
    entry(text, "millis", Long.toString(verdict.millis()));
    entry(text, "rule", CalibrationRule.RULE);
    entry(
        text,
        "lengths",
        verdict.samples().stream()
            .map(s -> Integer.toString(s.length()))
            .collect(Collectors.joining(",")));
    for (Sample s : verdict.samples()) {
      entry(text, "ratios." + s.length(), s.ratios());
      entry(text, "cpuNs." + s.length(), numbers(s.cpuNs()));
      entry(text, "deviceNs." + s.length(), numbers(s.deviceNs()));
    }
    entry(text, "identity", identity);
    Optional<PrivateFolder> folder = PrivateFolder.open(file.getParent(), PURPOSE);
    if (folder.isEmpty()) {
      return;
    }
    try {
      // Atomically: readers find the old file or the new one.
      folder
          .get()
          .write(file.getFileName().toString(), text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.INFO, "rectifier: cannot cache calibration in {0}: {1}", file, e);
    }
  }

  /** Appends {@code key=value} as {@link Properties#load} reads it back. */
  private static void entry(StringBuilder text, String key, String value) {
    Properties one = new Properties();
    one.setProperty(key, value);
    StringWriter out = new StringWriter();
    try {
      one.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    out.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .forEach(l -> text.append(l).append('\n'));
  }

  private static String numbers(double[] values) {
    return DoubleStream.of(values)
        .mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
        .collect(Collectors.joining(","));
  }

  private static double[] numbers(String list) {
    return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
  }
}
