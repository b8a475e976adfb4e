package dev.rectifier.cli;

/**
 * One row of {@code rectifier bench}: one op, precision, size and backend. Times are in
 * nanoseconds, throughputs in GB/s (10^9 bytes per second) over the median; the bytes counted are
 * every array the op touches, read or written once.
 *
 * @param op the op's command-line name, e.g. {@code leaky-relu}
 * @param backend the backend as named on the command line, e.g. {@code opencl:0}
 * @param device what the backend runs on, as {@link dev.rectifier.Rectifier#describe()} says
 * @param precision {@code float} or {@code double}
 * @param size elements
 * @param timing what a time covers, e.g. end to end from host arrays to host arrays
 * @param medianNs median time of one call
 * @param p10Ns 10th percentile
 * @param p90Ns 90th percentile
 * @param meanNs mean
 * @param stdDevNs sample standard deviation, null for one sample
 * @param ci95LowNs low end of the 95% confidence interval of the mean, null for one sample
 * @param ci95HighNs high end of that interval, null for one sample
 * @param samples timed calls
 * @param gbps bytes moved per median time
 * @param elementsPerSecond elements per median time
 * @param copyBaseline what the copy bandwidth was measured with
 * @param copyGbps the copy bandwidth for the same bytes, measured in the same run
 * @param copyFraction {@code gbps / copyGbps}: how close the op comes to a plain copy
 * @param speedupVsCpu the CPU backend's median over this one's; null without a CPU backend row
 * @param maxUlpDiff the largest distance from the contract's result in units in the last place
 * @param verified whether the output equals the contract's result bit for bit (maxUlpDiff 0)
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
    double copyGbps,
    double copyFraction,
    Double speedupVsCpu,
    long maxUlpDiff,
    boolean verified) {

  /** The row for a case timed as {@code t}, with the copy baseline {@code copy}. */
  static BenchResult of(
      Invocation c,
      BackendSpec backend,
      String device,
      String timing,
      Timing t,
      Timing copy,
      Double cpuMedianNs,
      long maxUlpDiff) {
    double gbps = c.bytesMoved() / t.medianNs();
    double copyGbps = c.bytesMoved() / copy.medianNs();
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
        finite(t.meanNs() - t.ci95HalfNs()),
        finite(t.meanNs() + t.ci95HalfNs()),
        t.samples(),
        gbps,
        c.size() / t.medianNs() * 1e9,
        HostCopy.DESCRIPTION,
        copyGbps,
        gbps / copyGbps,
        cpuMedianNs == null ? null : cpuMedianNs / t.medianNs(),
        maxUlpDiff,
        maxUlpDiff == 0);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
