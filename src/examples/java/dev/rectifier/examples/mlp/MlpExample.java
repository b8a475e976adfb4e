package dev.rectifier.examples.mlp;

import dev.rectifier.measure.Stopwatch;
import dev.rectifier.measure.Timing;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains a two-layer perceptron one SGD step at a time on an OpenCL device ({@link DeviceStep}) and
 * on the host ({@link CpuStep}): checks the device's first step stage by stage ({@link StepCheck}),
 * then times the steps of both, taken in turns, and prints the device, the check and the times.
 * Exit code 0 when the check passes, 1 when it does not, 2 on bad usage.
 */
@Command(
    name = "mlp",
    description = {
      "Trains a 2-layer MLP (Leaky ReLU, softmax cross-entropy, SGD) on one OpenCL queue: GEMMs by"
          + " CLBlast, activations by rectifier. Checks the first step against the host, then"
          + " times a step on the device and on the CPU backend (plain Java GEMM)."
    })
public final class MlpExample implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--batch", description = "rows a batch (default: ${DEFAULT-VALUE})")
  int batch = 4096;

  @Option(names = "--inputs", description = "features a row (default: ${DEFAULT-VALUE})")
  int inputs = 64;

  @Option(names = "--hidden", description = "hidden units (default: ${DEFAULT-VALUE})")
  int hidden = 256;

  @Option(names = "--outputs", description = "classes (default: ${DEFAULT-VALUE})")
  int outputs = 10;

  @Option(
      names = "--device",
      description =
          "the OpenCL device: its number, or part of its name or platform (default: the first"
              + " GPU, else the first device)")
  String device = "";

  @Option(names = "--steps", description = "timed steps of each (default: ${DEFAULT-VALUE})")
  int steps = 20;

  @Option(
      names = "--seed",
      description = "seed of the data and the start (default: ${DEFAULT-VALUE})")
  long seed = 1;

  /** Runs the example; {@code --help} lists the options. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command as {@link #main} runs it: a failure (no OpenCL device, a device or CLBlast error)
   * prints one line, {@code mlp: <what failed>}, on stderr and exits with 1.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new MlpExample())
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              commandLine.getErr().println("mlp: " + e.getMessage());
              return 1;
            });
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (steps < 1) {
      throw new ParameterException(spec.commandLine(), "--steps must be positive, was " + steps);
    }
    Shape shape;
    try {
      shape = new Shape(batch, inputs, hidden, outputs);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Problem problem = Problem.random(shape, seed);
    try (OpenClQueue cl = OpenClQueue.open(device);
        DeviceStep onDevice = new DeviceStep(cl, problem);
        CpuStep onCpu = new CpuStep(problem)) {
      out.printf(
          "MLP %s, Leaky ReLU (alpha %s), SGD (learning rate %s)%n",
          problem.shape(), problem.alpha(), problem.learningRate());
      out.println("device step: " + onDevice.describe());
      out.println("CPU step:    " + onCpu.describe());
      onDevice.run();
      onCpu.run();
      Trace first = onDevice.trace();
      List<Finding> findings = StepCheck.firstStep(problem, first, onCpu.trace());
      out.println("check of the device's first step:");
      findings.forEach(f -> out.println("  " + f));
      List<Timing> times =
          new Stopwatch(2, Duration.ofSeconds(1), steps)
              .timeInterleaved(List.of(onDevice::run, onCpu::run));
      out.printf(
          "time a step (median of %d, in turns, after warm-up; 10th-90th percentile):%n", steps);
      out.println("  device: " + milliseconds(times.get(0)));
      out.println("  CPU:    " + milliseconds(times.get(1)));
      out.printf(
          "  speedup of the device step over the CPU step: %.2fx%n",
          times.get(1).medianNs() / times.get(0).medianNs());
      boolean passed = findings.stream().allMatch(Finding::passed);
      out.println(passed ? "check passed" : "check FAILED");
      return passed ? 0 : 1;
    }
  }

  private static String milliseconds(Timing t) {
    return String.format(
        "%.3f ms (%.3f-%.3f)", t.medianNs() / 1e6, t.p10Ns() / 1e6, t.p90Ns() / 1e6);
  }
}
