package dev.rectifier.cli;

import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.measure.HostBaselines;
import dev.rectifier.measure.Stopwatch;
import dev.rectifier.measure.Timing;
import dev.rectifier.verify.ContractInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rectifier bench}: times each op, precision, size and backend, compares each with the
 * host's copy bandwidth and the CPU backend, and checks every output against the contract's
 * reference. Exits with 1 if any output differs.
 */
@Command(
    name = "bench",
    sortOptions = false,
    description = {
      "Times the ops on each backend, compares them with the host's copy bandwidth and the CPU"
          + " backend, and checks every output against the contract's reference (max ULP"
          + " difference).",
      "A time is the wall time of one whole API call on host arrays: for OpenCL it includes the"
          + " upload, the kernel and the read back. OpenCL rows also give the kernel time alone,"
          + " on arrays already on the device, by the device's profiling events, against the"
          + " device's own copy bandwidth (clEnqueueCopyBuffer) measured in the same run.",
      "With --chain K, a time is instead one upload of the inputs into device arrays, the op K"
          + " times in a row on them (each on the output of the one before), and one download:"
          + " where a device wins once the data stays on it.",
      "The backends take turns on each case, in warm-up and timed calls alike: every round calls"
          + " each backend once, starting one further along each round, so that none gains or"
          + " loses by going first."
    })
final class BenchCommand implements Callable<Integer> {
  private static final String TIMING = "end to end (host arrays in and out)";

  /** What a time covers with {@code --buffers}. */
  private static final String ON_BUFFERS = "end to end on direct java.nio buffers in and out";

  /** What a time covers with {@code --chain K}; {@code %d} is K. */
  private static final String CHAINED =
      "on device arrays: one upload, %d chained ops, one finish and one download";

  /** What a device does with a precision it has no program for. */
  private static final String ON_THE_CPU_BACKEND =
      "on the CPU backend (no device program; no kernel line)";

  /** The longest warm-up whose nanoseconds fit a long. */
  private static final long MAX_WARMUP_MILLIS = Long.MAX_VALUE / 1_000_000;

  @Spec CommandSpec spec;

  @Option(
      names = "--ops",
      split = ",",
      paramLabel = "OP",
      converter = EnumNames.Ops.class,
      defaultValue = "relu,relu-grad,leaky-relu,leaky-relu-grad",
      description =
          "relu, relu-grad, leaky-relu, leaky-relu-grad, prelu, prelu-grad (default:"
              + " ${DEFAULT-VALUE}).")
  List<BenchOp> ops;

  @Option(
      names = "--backends",
      split = ",",
      paramLabel = "BACKEND",
      converter = BackendSpec.Converter.class,
      defaultValue = "cpu,opencl",
      description = BackendSpec.NAMES + " (default: ${DEFAULT-VALUE}).")
  List<BackendSpec> backends;

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "N",
      converter = Sizes.class,
      defaultValue = "1K,64K,1M,16M",
      description = "Element counts; K = 2^10, M = 2^20 (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Mixin PrecisionOption precisionOption;

  @Option(
      names = "--chain",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "Time K ops in a row on device arrays between one upload and one download, instead of"
              + " one call on Java arrays (default: ${DEFAULT-VALUE}, one call).")
  int chain;

  @Option(
      names = "--buffers",
      description =
          "Time each call on direct java.nio buffers (FloatBuffer, DoubleBuffer, ShortBuffer;"
              + " native byte order) instead of Java arrays.")
  boolean buffers;

  @Mixin AlphaOption alphaOption;

  private double alpha;

  @Option(
      names = "--channels",
      paramLabel = "C",
      defaultValue = "64",
      description =
          "PReLU's channels, one weight each (seeded standard normal); x is [n][C][inner]"
              + " (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(
      names = "--inner",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "PReLU's elements per channel and batch item, 1 for channels-last (default:"
              + " ${DEFAULT-VALUE}). Every size must be a multiple of channels × inner.")
  int inner;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "5",
      description = "Untimed calls per backend and case (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--warmup-ms",
      paramLabel = "MS",
      defaultValue = "200",
      description =
          "Keep warming up until this many milliseconds have passed too, so that the JIT has"
              + " compiled the CPU loops (default: ${DEFAULT-VALUE}).")
  long warmupMillis;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "15",
      description = "Timed calls per backend and case (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = EnumNames.Formats.class,
      defaultValue = "table",
      description = "table, csv, json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the results to FILE instead of stdout.")
  Path output;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      description =
          "Also draw throughput against size, a panel per op and precision, as FILE.png or"
              + " FILE.svg.")
  Path plot;

  @Option(
      names = "--progress",
      negatable = true,
      description = "A progress bar on stderr (default: when stderr is a terminal).")
  Boolean progress;

  /** Each opened backend's kernel timer, which also knows where each precision runs. */
  private final Map<BackendSpec, KernelTimer> kernelTimers = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    Usage.require(!ops.isEmpty(), spec, "--ops", "names no op");
    Usage.require(!backends.isEmpty(), spec, "--backends", "names no backend");
    Usage.require(!sizes.isEmpty(), spec, "--sizes", "names no size");
    Usage.require(!precisionOption.values().isEmpty(), spec, "--precision", "names no precision");
    alpha = alphaOption.value(precisionOption.values());
    Usage.require(channels >= 1, spec, "--channels", "must be 1 or more but was " + channels);
    Usage.require(inner >= 1, spec, "--inner", "must be 1 or more but was " + inner);
    if (ops.stream().anyMatch(BenchOp::isPrelu)) {
      long item = (long) channels * inner;
      for (int size : sizes) {
        Usage.require(
            size % item == 0,
            spec,
            "--sizes",
            Sizes.format(size)
                + " is not a multiple of --channels "
                + channels
                + " × --inner "
                + inner
                + " = "
                + item
                + ", as prelu needs");
      }
    }
    Usage.require(warmup >= 0, spec, "--warmup", "must be 0 or more but was " + warmup);
    Usage.require(repeats >= 1, spec, "--repeats", "must be 1 or more but was " + repeats);
    Usage.require(chain >= 1, spec, "--chain", "must be 1 or more but was " + chain);
    Usage.require(
        chain == 1 || ops.stream().noneMatch(BenchOp::isPrelu),
        spec,
        "--chain",
        "chains the element-wise ops only, not prelu or prelu-grad");
    Usage.require(
        !buffers || (chain == 1 && ops.stream().noneMatch(BenchOp::isPrelu)),
        spec,
        "--buffers",
        "times one call of an element-wise op: not with --chain, prelu or prelu-grad");
    Usage.require(
        warmupMillis >= 0 && warmupMillis <= MAX_WARMUP_MILLIS,
        spec,
        "--warmup-ms",
        "must be from 0 to " + MAX_WARMUP_MILLIS + " but was " + warmupMillis);
    Usage.require(
        plot == null || Figure.writes(plot),
        spec,
        "--plot",
        "must name a .png or .svg file but was '" + plot + "'");
    if (output != null) {
      OutputFile.require(spec, "--output", output);
    }
    if (plot != null) {
      OutputFile.require(spec, "--plot", plot);
    }
    BenchMemory.require(
        spec,
        ops,
        precisionOption.values(),
        sizes,
        (int) backends.stream().distinct().count(),
        Runtime.getRuntime().maxMemory());
    Map<BackendSpec, Rectifier> opened = new LinkedHashMap<>();
    Stopwatch stopwatch = new Stopwatch(warmup, Duration.ofMillis(warmupMillis), repeats);
    try (HostCopy copy = new HostCopy(stopwatch)) {
      open(opened);
      opened.forEach((b, r) -> kernelTimers.put(b, new KernelTimer(r, stopwatch)));
      List<BenchResult> results = run(opened, stopwatch, copy);
      write(results, opened, copy.description());
      long differing = results.stream().filter(r -> !r.verified()).count();
      if (differing > 0) {
        err()
            .println(
                spec.qualifiedName() + ": " + differing + " output(s) differ from the contract's");
        return 1;
      }
      return 0;
    } finally {
      opened.values().forEach(Rectifier::close);
    }
  }

  private List<BenchResult> run(
      Map<BackendSpec, Rectifier> opened, Stopwatch stopwatch, HostCopy copy) {
    List<BenchResult> results = new ArrayList<>();
    List<Precision> precisions = precisionOption.values();
    List<Integer> distinctSizes = sizes.stream().distinct().toList();
    List<BenchOp> distinctOps = ops.stream().distinct().toList();
    long steps =
        (long) precisions.size() * distinctSizes.size() * distinctOps.size() * opened.size();
    boolean shown = progress != null ? progress : System.console() != null;
    try (Progress bar = Progress.start(shown, "bench", steps)) {
      for (Precision p : precisions) {
        for (int size : distinctSizes) {
          ContractInputs inputs = Invocation.inputs(p, size);
          for (BenchOp op : distinctOps) {
            Invocation c = new Invocation(op, inputs, alpha, channels, inner, chain);
            Object expected = c.expected();
            HostBaselines.Fastest fastestCopy = copy.time(c.bytesPerOp());
            List<Object> outputs = new ArrayList<>();
            List<Runnable> calls = new ArrayList<>();
            List<BufferCase> onBuffers = new ArrayList<>();
            for (Rectifier r : opened.values()) {
              Object out = c.newOutput();
              outputs.add(out);
              if (buffers) {
                BufferCase b = BufferCase.of(c);
                onBuffers.add(b);
                calls.add(() -> b.run(r, c));
              } else {
                calls.add(chain == 1 ? () -> c.run(r, out) : () -> c.runChained(r, out));
              }
            }
            List<Timing> timings = stopwatch.timeInterleaved(calls);
            for (int i = 0; i < onBuffers.size(); i++) {
              onBuffers.get(i).copyOut(outputs.get(i));
            }
            List<BackendSpec> names = List.copyOf(opened.keySet());
            int cpu = names.indexOf(BackendSpec.CPU);
            Double cpuMedian = cpu < 0 ? null : timings.get(cpu).medianNs();
            for (int i = 0; i < names.size(); i++) {
              BackendSpec backend = names.get(i);
              bar.step(EnumNames.of(op) + " " + Sizes.format(size) + " " + backend);
              long maxUlpDiff = c.maxUlpDiff(expected, outputs.get(i), null);
              results.add(
                  BenchResult.of(
                      c,
                      backend,
                      device(backend, opened.get(backend), p),
                      timing(),
                      timings.get(i),
                      fastestCopy,
                      cpuMedian,
                      maxUlpDiff,
                      chain == 1 ? kernelTimers.get(backend).time(c, expected) : Optional.empty(),
                      fallsBack(backend, opened.get(backend), p)));
            }
          }
        }
      }
    }
    List<String> opOrder = distinctOps.stream().map(EnumNames::of).toList();
    List<String> precisionOrder = precisions.stream().map(EnumNames::of).toList();
    results.sort(
        Comparator.comparingInt((BenchResult r) -> opOrder.indexOf(r.op()))
            .thenComparingInt(r -> precisionOrder.indexOf(r.precision())));
    return results;
  }

  private void write(List<BenchResult> results, Map<BackendSpec, Rectifier> opened, String hostCopy)
      throws IOException {
    if (output == null) {
      report(results, opened, hostCopy, spec.commandLine().getOut());
    } else {
      try (Report out = Report.toFile(output)) {
        report(results, opened, hostCopy, out);
        out.finish();
      }
    }
    if (plot != null) {
      ThroughputPlot.figure(results, caption(opened, hostCopy)).write(plot);
    }
  }

  private void report(
      List<BenchResult> results,
      Map<BackendSpec, Rectifier> opened,
      String hostCopy,
      PrintWriter out) {
    if (format == OutputFormat.TABLE) {
      printPreamble(opened, hostCopy, out);
    }
    format.write(results, out);
  }

  /**
   * Opens the backends asked for, the CPU backend first (the baseline). Without any OpenCL, says so
   * on stderr and goes on without it, except under continuous integration (the environment variable
   * {@code CI} is {@code true}), where a skipped backend is a failure: there the bench proves that
   * every backend it names runs.
   */
  private void open(Map<BackendSpec, Rectifier> opened) {
    Set<BackendSpec> wanted = new LinkedHashSet<>(backends);
    if (wanted.remove(BackendSpec.CPU)) {
      opened.put(BackendSpec.CPU, BackendSpec.CPU.open());
    }
    for (BackendSpec backend : wanted) {
      try {
        opened.put(backend, backend.open(spec));
      } catch (OpenClUnavailableException e) {
        if (BackendSpec.openClExists()) {
          throw Usage.invalid(spec, "--backends", backend + ": " + e.getMessage());
        }
        if ("true".equals(System.getenv("CI"))) {
          throw new CommandFailure(
              "cannot run " + backend + " (CI=true: no backend is skipped): " + e.getMessage());
        }
        err().println(spec.qualifiedName() + ": skipping " + backend + ": " + e.getMessage());
      }
    }
    if (opened.isEmpty()) {
      err().println(spec.qualifiedName() + ": benchmarking the CPU backend instead");
      opened.put(BackendSpec.CPU, BackendSpec.CPU.open());
    }
  }

  /** The plot's subtitle: what ran, which build, when, and how it was timed. */
  private List<String> caption(Map<BackendSpec, Rectifier> opened, String hostCopy) {
    List<String> devices = new ArrayList<>();
    opened.forEach(
        (backend, r) ->
            devices.add(
                backend
                    + ": "
                    + r.device()
                        .map(
                            d ->
                                d.name()
                                    + " ("
                                    + d.type()
                                    + "), driver "
                                    + d.platform()
                                    + " "
                                    + d.driverVersion())
                        .orElse(r.describe())
                    + fallback(backend, r).map(f -> ", " + f).orElse("")));
    String version = BenchCommand.class.getPackage().getImplementationVersion();
    return List.of(
        String.join("; ", devices),
        String.format(
            Locale.ROOT,
            "rectifier %s, %s; %d warm-up calls and at least %d ms of them, then %d timed calls"
                + " per backend and case; alpha %s; prelu: %d channels, inner %d",
            version == null ? "dev" : version,
            LocalDate.now(),
            warmup,
            warmupMillis,
            repeats,
            alpha,
            channels,
            inner),
        "GB/s = bytes read and written / median time; the copy baselines copy the same bytes"
            + " (arrays that fit in a cache copy faster than memory allows); the host's: "
            + hostCopy
            + " at each size, in this run.");
  }

  /**
   * What {@code r} runs {@code p} on: its description, and where a device falls back to its CPU
   * backend for {@code p}, that too, so that no row passes the CPU backend off as the device.
   */
  private String device(BackendSpec backend, Rectifier r, Precision p) {
    return fallsBack(backend, r, p)
        ? r.describe() + "; " + EnumNames.of(p) + " " + ON_THE_CPU_BACKEND
        : r.describe();
  }

  /** Whether {@code r} is on a device but runs {@code p} on its CPU backend. */
  private boolean fallsBack(BackendSpec backend, Rectifier r, Precision p) {
    return r.device().isPresent() && !kernelTimers.get(backend).onDevice(p);
  }

  /**
   * The precisions benched that {@code r}, on a device, runs on its CPU backend, e.g. {@code half,
   * bfloat16 on the CPU backend ...}; empty where there are none.
   */
  private Optional<String> fallback(BackendSpec backend, Rectifier r) {
    List<String> names =
        precisionOption.values().stream()
            .filter(p -> fallsBack(backend, r, p))
            .map(EnumNames::of)
            .toList();
    return names.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join(", ", names) + " " + ON_THE_CPU_BACKEND);
  }

  /** What a time covers. */
  private String timing() {
    if (buffers) {
      return ON_BUFFERS;
    }
    return chain == 1 ? TIMING : String.format(Locale.ROOT, CHAINED, chain);
  }

  private void printPreamble(Map<BackendSpec, Rectifier> opened, String hostCopy, PrintWriter out) {
    out.printf(
        "Per backend and case: %d warm-up calls and at least %d ms of them, then %d timed calls,"
            + " each the wall time of one whole API call, %s%n",
        warmup, warmupMillis, repeats, timing());
    opened.forEach(
        (backend, r) -> {
          out.printf("  %-9s %s%n", backend, r.describe());
          fallback(backend, r).ifPresent(f -> out.printf("  %-9s %s%n", "", f));
        });
    out.printf(
        "  alpha %s; prelu: %d channels (seeded standard normal weights), inner %d; GB/s = bytes read and written / median; copy%% = GB/s over the copy"
            + " bandwidth of the same bytes (%s, at each size: which, below the table), measured in this run;%n"
            + "  an OpenCL row's 'kernel' line: the kernel alone on arrays already on the device, by"
            + " the device's profiling events, copy%% against %s on that device;%n"
            + "  vs cpu = the CPU backend's median / this one's; max ulp = largest distance from"
            + " the contract's reference (end-to-end and kernel outputs) in units of the"
            + " element's format (half, bfloat16: steps between 16-bit values, NaN = any NaN);"
            + " verified = bit for bit%n"
            + (chain == 1
                ? ""
                : "  GB/s and Melem/s count every op of the chain; copy%% is against the copy of"
                    + " one op's bytes; no kernel lines%n")
            + "%n",
        alpha,
        channels,
        inner,
        hostCopy,
        KernelTimer.COPY_DESCRIPTION);
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
