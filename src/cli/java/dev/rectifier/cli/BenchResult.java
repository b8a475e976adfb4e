package dev.rectifier.cli;

import dev.rectifier.measure.HostBaselines;
import dev.rectifier.measure.Timing;
import java.util.Optional;

/**
 * One row of {@code rectifier bench}: one op, precision, size and backend. Times are in
 * nanoseconds, throughputs in GB/s (10^9 bytes per second) over the median; the bytes counted are
 * every array the op touches, read or written once.
 *
 * @param op the op's command-line name, e.g. {@code leaky-relu}
 * @param backend the backend as named on the command line, e.g. {@code opencl:0}
 * @param device what the backend runs on, as {@link dev.rectifier.Rectifier#describe()} says
 * @param precision {@code float}, {@code double}, {@code half} or {@code bfloat16}
 * @param size elements
 * @param timing what a time covers, e.g. end to end from host arrays to host arrays
 * @param medianNs median time of one call
 * @param p10Ns 10th percentile
 * @param p90Ns 90th percentile
 * @param meanNs mean
 * @param stdDevNs sample standard deviation, null for one sample
 * @param ci95LowNs low end of the 95% confidence interval of the mean (Student's t), at least 0;
 *     null for one sample
 * @param ci95HighNs high end of that interval, null for one sample
 * @param samples timed calls
 * @param gbps bytes the ops read and wrote per median time (a chain's: every op's)
 * @param elementsPerSecond elements the ops computed per median time
 * @param copyBaseline what the host copy bandwidth was measured with, naming its thread count, e.g.
 *     {@code host copy loop, 1 thread}
 * @param copyThreads the thread count of the host copy: the fastest of those the bench tried for
 *     the bytes of one op, in the same run
 * @param copyGbps the host's copy bandwidth for the bytes of one op on {@code copyThreads}
 * @param copyFraction {@code gbps / copyGbps}: how close the op comes to the fastest plain copy on
 *     the host
 * @param speedupVsCpu the CPU backend's median over this one's; null without a CPU backend row
 * @param maxUlpDiff the largest distance from the contract's result in units in the last place of
 *     the elements' format (for half and bfloat16, steps between 16-bit values; any NaN is 0 from
 *     any NaN), over the end-to-end output and, on OpenCL, the kernel-only output
 * @param verified whether the outputs equal the contract's result bit for bit (maxUlpDiff 0)
 * @param kernelMedianNs OpenCL: median kernel time on device-resident arrays by the device's
 *     profiling events, with the same warm-up and repeats; null without a device clock (CPU)
 * @param kernelP10Ns 10th percentile of the kernel time; null without a device clock
 * @param kernelP90Ns 90th percentile of the kernel time; null without a device clock
 * @param kernelCi95LowNs low end of the 95% confidence interval of the mean kernel time, at least 0
 * @param kernelCi95HighNs high end of that interval
 * @param kernelGbps bytes moved per median kernel time
 * @param kernelElementsPerSecond elements per median kernel time
 * @param deviceCopyBaseline what the device copy bandwidth was measured with
 * @param deviceCopyGbps the device's own copy bandwidth for the same bytes, in the same run
 * @param kernelCopyFraction {@code kernelGbps / deviceCopyGbps}
 * @param kernelSpeedupVsCpu the CPU backend's median over the median kernel time
 * @param cpuFallback whether a device's backend ran this precision on its CPU backend, the device
 *     having no program for it (double without fp64; half and bfloat16 until OpenCL has programs
 *     for them): the times are the CPU backend's, and there is no kernel time
 */
record BenchResult(
    String op,
    String backend,
    String device,
    String precision,
    int size,
    String timing,
    double medianNs,
    double p10Ns,
    double p90Ns,
    double meanNs,
    Double stdDevNs,
    Double ci95LowNs,
    Double ci95HighNs,
    long samples,
    double gbps,
    double elementsPerSecond,
    String copyBaseline,
    int copyThreads,
    double copyGbps,
    double copyFraction,
    Double speedupVsCpu,
    long maxUlpDiff,
    boolean verified,
    Double kernelMedianNs,
    Double kernelP10Ns,
    Double kernelP90Ns,
    Double kernelCi95LowNs,
    Double kernelCi95HighNs,
    Double kernelGbps,
    Double kernelElementsPerSecond,
    String deviceCopyBaseline,
    Double deviceCopyGbps,
    Double kernelCopyFraction,
    Double kernelSpeedupVsCpu,
    boolean cpuFallback) {

  /**
   * The row for a case timed end to end as {@code t}, with the fastest host copy {@code copy} (of
   * one op's bytes), and on the device as {@code kernel} (empty for the CPU backend and chains);
   * {@code cpuFallback} where the backend ran it on its CPU backend instead of its device.
   */
  static BenchResult of(
      Invocation c,
      BackendSpec backend,
      String device,
      String timing,
      Timing t,
      HostBaselines.Fastest copy,
      Double cpuMedianNs,
      long maxUlpDiff,
      Optional<KernelTimer.Result> kernel,
      boolean cpuFallback) {
    double gbps = c.bytesMoved() / t.medianNs();
    double copyGbps = c.bytesPerOp() / copy.timing().medianNs();
    Timing k = kernel.map(KernelTimer.Result::kernel).orElse(null);
    Double kernelGbps = k == null ? null : c.bytesPerOp() / k.medianNs();
    Double deviceCopyGbps = kernel.map(KernelTimer.Result::copyGbps).orElse(null);
    long ulps = Math.max(maxUlpDiff, kernel.map(KernelTimer.Result::maxUlpDiff).orElse(0L));
    return new BenchResult(
        EnumNames.of(c.op()),
        backend.name(),
        device,
        EnumNames.of(c.precision()),
        c.size(),
        timing,
        t.medianNs(),
        t.p10Ns(),
        t.p90Ns(),
        t.meanNs(),
        finite(t.stdDevNs()),
        ci95Low(t),
        finite(t.meanNs() + t.ci95HalfNs()),
        t.samples(),
        gbps,
        (double) c.chain() * c.size() / t.medianNs() * 1e9,
        copy.copyDescription(),
        copy.threads(),
        copyGbps,
        gbps / copyGbps,
        cpuMedianNs == null ? null : cpuMedianNs / t.medianNs(),
        ulps,
        ulps == 0,
        k == null ? null : k.medianNs(),
        k == null ? null : k.p10Ns(),
        k == null ? null : k.p90Ns(),
        k == null ? null : ci95Low(k),
        k == null ? null : finite(k.meanNs() + k.ci95HalfNs()),
        kernelGbps,
        k == null ? null : c.size() / k.medianNs() * 1e9,
        k == null ? null : KernelTimer.COPY_DESCRIPTION,
        deviceCopyGbps,
        k == null ? null : kernelGbps / deviceCopyGbps,
        k == null || cpuMedianNs == null ? null : cpuMedianNs / k.medianNs(),
        cpuFallback);
  }

  /**
   * The low end of the 95% confidence interval of the mean, stopped at 0: a time is never below 0,
   * though with a few long stalls among short calls the mean's t-interval reaches below it.
   */
  private static Double ci95Low(Timing t) {
    return finite(Math.max(0, t.meanNs() - t.ci95HalfNs()));
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
