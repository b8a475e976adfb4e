package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rectifier bench}: times each op, precision and size on the OpenCL and CPU backends, one
 * whole API call at a time, and checks every output against the CPU backend's bit for bit. Exits
 * with 1 if any output differs.
 */
@Command(
    name = "bench",
    description = {
      "Times the ops on the OpenCL and CPU backends and checks that their outputs agree bit for"
          + " bit. Each time is one whole API call: for OpenCL that includes the upload, the kernel"
          + " and the read back.",
      "OpenCL uses the device rectifier.device / RECTIFIER_DEVICE names, else the best one."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--ops",
      split = ",",
      paramLabel = "OP",
      converter = EnumNames.Ops.class,
      defaultValue = "relu,relu-grad,leaky-relu,leaky-relu-grad",
      description =
          "Ops: relu, relu-grad, leaky-relu, leaky-relu-grad (default: ${DEFAULT-VALUE}).")
  List<Op> ops;

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "N",
      converter = Sizes.class,
      defaultValue = "64K,1M,16M",
      description = "Element counts; K = 2^10, M = 2^20 (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--precision",
      split = ",",
      paramLabel = "TYPE",
      converter = EnumNames.Precisions.class,
      defaultValue = "float",
      description = "float, double (default: ${DEFAULT-VALUE}).")
  List<Precision> precisions;

  @Option(
      names = "--alpha",
      paramLabel = "ALPHA",
      defaultValue = "0.01",
      description = "Leaky ReLU slope, finite (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "10",
      description = "Untimed calls per backend and case (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "15",
      description = "Timed calls per backend and case (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--backends",
      split = ",",
      paramLabel = "BACKEND",
      converter = EnumNames.Backends.class,
      defaultValue = "cpu,opencl",
      description = "cpu, opencl (default: ${DEFAULT-VALUE}).")
  List<BackendKind> backends;

  @Override
  public Integer call() {
    check(Double.isFinite(alpha), "--alpha", "must be finite but was " + alpha);
    check(warmup >= 0, "--warmup", "must be 0 or more but was " + warmup);
    check(repeats >= 1, "--repeats", "must be 1 or more but was " + repeats);
    PrintWriter out = spec.commandLine().getOut();
    Map<BackendKind, Rectifier> opened = new EnumMap<>(BackendKind.class);
    try (Rectifier reference = Rectifier.cpu()) {
      open(EnumSet.copyOf(backends), opened, out);
      printPreamble(opened, out);
      int differing = 0;
      ResultTable table = new ResultTable(out);
      table.printHeader();
      for (Op op : ops) {
        for (Precision precision : precisions) {
          for (int size : sizes) {
            differing +=
                bench(Invocation.random(op, precision, size, alpha), reference, opened, table);
          }
        }
      }
      if (differing > 0) {
        spec.commandLine()
            .getErr()
            .println(spec.qualifiedName() + ": " + differing + " output(s) differ from the CPU's");
        return 1;
      }
      return 0;
    } finally {
      opened.values().forEach(Rectifier::close);
    }
  }

  /** Times {@code c} on every backend and prints a row each; returns how many outputs differed. */
  private int bench(
      Invocation c, Rectifier reference, Map<BackendKind, Rectifier> opened, ResultTable table) {
    Object expected = c.newOutput();
    c.run(reference, expected);
    double cpuMedian = Double.NaN;
    int differing = 0;
    for (Map.Entry<BackendKind, Rectifier> backend : opened.entrySet()) {
      Object output = c.newOutput();
      DescriptiveStatistics millis = time(c, backend.getValue(), output);
      if (backend.getKey() == BackendKind.CPU) {
        cpuMedian = millis.getPercentile(50);
      }
      boolean verified = Invocation.sameBits(expected, output);
      differing += verified ? 0 : 1;
      table.printRow(c, backend.getKey(), millis, cpuMedian, verified);
    }
    return differing;
  }

  /** {@link #warmup} untimed calls, then the wall time of {@link #repeats} calls, in ms. */
  private DescriptiveStatistics time(Invocation c, Rectifier r, Object output) {
    for (int i = 0; i < warmup; i++) {
      c.run(r, output);
    }
    DescriptiveStatistics millis = new DescriptiveStatistics();
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      c.run(r, output);
      millis.addValue((System.nanoTime() - start) / 1e6);
    }
    return millis;
  }

  /** Opens the wanted backends; without OpenCL, says why and falls back to the CPU backend. */
  private static void open(
      EnumSet<BackendKind> wanted, Map<BackendKind, Rectifier> opened, PrintWriter out) {
    try {
      for (BackendKind kind : wanted) {
        opened.put(kind, kind.open());
      }
    } catch (OpenClUnavailableException e) {
      out.println("OpenCL unavailable: " + e.getMessage() + "; benchmarking the CPU backend only");
      opened.computeIfAbsent(BackendKind.CPU, BackendKind::open);
    }
  }

  private void printPreamble(Map<BackendKind, Rectifier> opened, PrintWriter out) {
    out.printf(
        "Per backend and case: %d warm-up calls, then %d timed calls; a time is the wall time of"
            + " one whole API call (System.nanoTime)%n",
        warmup, repeats);
    opened.forEach((kind, r) -> out.printf("  %-7s %s%n", EnumNames.of(kind), r.describe()));
    if (opened.containsKey(BackendKind.OPENCL)) {
      out.println(
          "  OpenCL times are end to end: host arrays in, host arrays out (upload, kernel, read"
              + " back)");
    }
    out.printf(
        "  alpha %s; GB/s = size x arrays x element bytes / median; verified = output equals the"
            + " CPU backend's bit for bit%n%n",
        alpha);
  }

  private void check(boolean ok, String option, String problem) {
    if (!ok) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '" + option + "': " + problem);
    }
  }
}
