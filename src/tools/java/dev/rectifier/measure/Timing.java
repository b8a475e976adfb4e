package dev.rectifier.measure;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Statistics of repeated timings, in nanoseconds, as {@link Stopwatch} takes them.
 *
 * @param medianNs the median
 * @param p10Ns the 10th percentile
 * @param p90Ns the 90th percentile
 * @param meanNs the mean
 * @param stdDevNs the sample standard deviation
 * @param ci95HalfNs half the width of the 95% confidence interval of the mean (Student's t); NaN
 *     for fewer than two samples
 * @param samples how many timings
 */
public record Timing(
    double medianNs,
    double p10Ns,
    double p90Ns,
    double meanNs,
    double stdDevNs,
    double ci95HalfNs,
    long samples) {

  /** The statistics of {@code nanos}, which holds at least one value. */
  public static Timing of(DescriptiveStatistics nanos) {
    long n = nanos.getN();
    double sd = nanos.getStandardDeviation();
    double half =
        n < 2
            ? Double.NaN
            : new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
    return new Timing(
        nanos.getPercentile(50),
        nanos.getPercentile(10),
        nanos.getPercentile(90),
        nanos.getMean(),
        n < 2 ? Double.NaN : sd,
        half,
        n);
  }
}
