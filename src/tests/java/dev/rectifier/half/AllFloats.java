package dev.rectifier.half;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Every one of the 2^32 float bit patterns, in chunks of 2^16 shared out to a thread a core. */
final class AllFloats {
  /** The mismatches a check keeps, so that a broken conversion's message stays readable. */
  static final int KEPT = 10;

  private static final int CHUNKS = 1 << 16;

  /**
   * One chunk's check: the floats whose bits are {@code high | low} for every 16-bit {@code low}.
   */
  interface Chunk {
    /** Adds a line to {@code mismatches} for each float of the chunk that fails. */
    void check(int high, List<String> mismatches) throws Throwable;
  }

  private AllFloats() {}

  /** The first {@link #KEPT} mismatches of {@code chunk} over every float's bits, in order. */
  static List<String> mismatches(Chunk chunk) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<String> found = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int c = next.getAndIncrement(); c < CHUNKS; c = next.getAndIncrement()) {
                    List<String> mine = new ArrayList<>();
                    try {
                      chunk.check(c << 16, mine);
                    } catch (Throwable e) {
                      throw new IllegalStateException("the chunk at " + hex(c << 16), e);
                    }
                    found.addAll(mine.subList(0, Math.min(KEPT, mine.size())));
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(CHUNKS, done.get(), "chunks checked");
    List<String> sorted = new ArrayList<>(found);
    Collections.sort(sorted);
    return sorted.subList(0, Math.min(KEPT, sorted.size()));
  }

  /** Asserts that {@code format} rounds the float of {@code floatBits} to {@code expectedBits}. */
  static void assertRounds(Format16 format, int floatBits, int expectedBits) {
    assertEquals(
        hex((short) expectedBits),
        hex(format.round(Float.intBitsToFloat(floatBits))),
        "fromFloat(" + hex(floatBits) + ")");
  }

  static String hex(int bits) {
    return String.format("0x%08X", bits);
  }

  static String hex(short bits) {
    return String.format("0x%04X", bits & 0xFFFF);
  }
}
