package dev.rectifier.bench;

import dev.rectifier.Rectifier;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of this package (JMH options on the command line pass through, e.g. {@code
 * -p size=1048576}) and prints the speed targets as ratios to the baselines measured in the same
 * run, with the target and whether it is met.
 */
public final class SpeedReport {
  private SpeedReport() {}

  /**
   * The Java and the CPU backend's loops of this JVM; the forks inherit its options, {@code
   * --add-modules jdk.incubator.vector} among them.
   */
  private static String describeRun() {
    try (Rectifier cpu = Rectifier.cpu()) {
      return String.format(
          Locale.ROOT,
          "Java %s (%s); %s",
          Runtime.version(),
          System.getProperty("java.vm.name"),
          cpu.describe());
    }
  }

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(SpeedReport.class.getPackageName() + ".*");
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<TargetRow> rows = TargetRow.evaluate(new Medians(results));
    System.out.println();
    System.out.println(describeRun());
    System.out.println(TargetRow.HEADER);
    rows.forEach(r -> System.out.println(r.format()));
    List<TargetRow> targeted = rows.stream().filter(TargetRow::hasTarget).toList();
    List<String> missed = targeted.stream().filter(r -> !r.met()).map(TargetRow::name).toList();
    System.out.printf(
        Locale.ROOT,
        "%n%d of %d targets met%s%n",
        targeted.size() - missed.size(),
        targeted.size(),
        missed.isEmpty() ? "" : "; short: " + missed);
  }
}
