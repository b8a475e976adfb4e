package dev.rectifier.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopwatchTest {
  /** A clock that only the calls move: each call takes the nanoseconds it is given. */
  private long now;

  private final List<String> order = new ArrayList<>();

  private Runnable call(String name, long nanos) {
    return () -> {
      order.add(name);
      now += nanos;
    };
  }

  @Test
  void eachRepeatRunsEveryCallOnceStartingOneFurtherEachTime() {
    Stopwatch stopwatch = new Stopwatch(0, Duration.ZERO, 4, () -> now);
    stopwatch.timeInterleaved(List.of(call("a", 1), call("b", 1), call("c", 1)));
    assertEquals(
        List.of("a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"), order, "timed calls");
  }

  @Test
  void theWarmUpIsInterleavedTooThenTheRepeatsStartOver() {
    Stopwatch stopwatch = new Stopwatch(2, Duration.ZERO, 2, () -> now);
    stopwatch.timeInterleaved(List.of(call("a", 1), call("b", 1)));
    assertEquals(List.of("a", "b", "b", "a", "a", "b", "b", "a"), order);
  }

  @Test
  void eachCallGetsItsOwnTimesWhateverItsPlaceInTheOrder() {
    Stopwatch stopwatch = new Stopwatch(1, Duration.ZERO, 3, () -> now);
    List<Timing> timings =
        stopwatch.timeInterleaved(List.of(call("a", 10), call("b", 200), call("c", 3000)));
    assertEquals(3, timings.size());
    assertEquals(10, timings.get(0).medianNs());
    assertEquals(200, timings.get(1).medianNs());
    assertEquals(3000, timings.get(2).medianNs());
    for (Timing t : timings) {
      assertEquals(3, t.samples());
      assertEquals(0, t.stdDevNs());
    }
  }

  @Test
  void everyCallWarmsUpForTheWholeWarmUpTimeOfItsOwn() {
    // a takes 10 ns a call, b 30: 100 ns of warm-up each is 10 calls of a and 4 of b
    Stopwatch stopwatch = new Stopwatch(0, Duration.ofNanos(100), 1, () -> now);
    stopwatch.timeInterleaved(List.of(call("a", 10), call("b", 30)));
    assertEquals(10 + 1, order.stream().filter("a"::equals).count(), order.toString());
    assertEquals(4 + 1, order.stream().filter("b"::equals).count(), order.toString());
    assertEquals(List.of("a", "b", "b", "a", "a", "b", "b", "a"), order.subList(0, 8));
  }

  @Test
  void oneCallAloneIsTimedAsBefore() {
    Stopwatch stopwatch = new Stopwatch(3, Duration.ZERO, 5, () -> now);
    Timing t = stopwatch.time(call("a", 7));
    assertEquals(8, order.size());
    assertEquals(7, t.medianNs());
    assertEquals(5, t.samples());
  }
}
