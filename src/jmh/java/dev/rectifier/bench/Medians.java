package dev.rectifier.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * Medians over the measurement iterations of figures computed from each iteration's secondary
 * results (such as {@link Paired}'s nanoseconds) and its score ({@link #SCORE}), found by the
 * benchmark's simple name (e.g. {@code HostOps.run}) and parameters.
 */
final class Medians {
  /** The label of an iteration's score among its secondary results. */
  static final String SCORE = "score";

  private record Entry(
      String benchmark,
      Map<String, String> params,
      List<Map<String, Double>> secondaryByIteration) {}

  private final List<Entry> entries = new ArrayList<>();

  Medians(Collection<RunResult> results) {
    for (RunResult r : results) {
      BenchmarkParams params = r.getParams();
      Map<String, String> values = new HashMap<>();
      for (String key : params.getParamsKeys()) {
        values.put(key, params.getParam(key));
      }
      entries.add(new Entry(simpleName(params.getBenchmark()), values, secondaryByIteration(r)));
    }
  }

  private static List<Map<String, Double>> secondaryByIteration(RunResult r) {
    List<Map<String, Double>> iterations = new ArrayList<>();
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        Map<String, Double> scores = new HashMap<>();
        i.getSecondaryResults().forEach((label, result) -> scores.put(label, result.getScore()));
        scores.put(SCORE, i.getPrimaryResult().getScore());
        iterations.add(scores);
      }
    }
    return iterations;
  }

  /**
   * The median of {@code figure}, computed from each measured iteration's secondary results (by
   * label), over the iterations of the first run of {@code benchmark} with all of {@code params}.
   */
  Optional<Double> perIteration(
      String benchmark, ToDoubleFunction<Map<String, Double>> figure, String... params) {
    return entries.stream()
        .filter(e -> e.benchmark().equals(benchmark) && matches(e.params(), params))
        .findFirst()
        .map(
            e ->
                new Median()
                    .evaluate(e.secondaryByIteration().stream().mapToDouble(figure).toArray()));
  }

  /** The values parameter {@code key} took in the runs of {@code benchmark}, in numeric order. */
  List<Integer> intValues(String benchmark, String key) {
    TreeSet<Integer> values = new TreeSet<>();
    entries.stream()
        .filter(e -> e.benchmark().equals(benchmark) && e.params().containsKey(key))
        .forEach(e -> values.add(Integer.parseInt(e.params().get(key))));
    return List.copyOf(values);
  }

  private static boolean matches(Map<String, String> values, String[] params) {
    for (String p : params) {
      String[] kv = p.split("=", 2);
      if (!kv[1].equals(values.get(kv[0]))) {
        return false;
      }
    }
    return true;
  }

  private static String simpleName(String benchmark) {
    String[] parts = benchmark.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }
}
