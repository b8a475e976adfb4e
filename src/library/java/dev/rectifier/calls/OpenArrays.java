package dev.rectifier.calls;

import dev.rectifier.backend.DeviceMemory;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

/**
 * The memory of a {@code Rectifier}'s device arrays that are open, so that its close frees what
 * their users left open. It holds the memory, never the arrays: an array's close frees its memory
 * and forgets it, and an array dropped without close is freed once the garbage collector finds it
 * unreachable (as a direct buffer's memory is). Memory the collector frees by itself (a Java array)
 * is not recorded. Thread-safe.
 */
public final class OpenArrays {
  /** One daemon thread for every Rectifier's arrays. */
  private static final Cleaner CLEANER = Cleaner.create();

  /** The Rectifier's read lock: a free runs as a call does, never during its close. */
  private final Lock calls;

  private final Set<Release> open = ConcurrentHashMap.newKeySet();

  /** A record for a Rectifier whose calls hold {@code calls}, a read lock its close excludes. */
  public OpenArrays(Lock calls) {
    this.calls = calls;
  }

  /**
   * Records {@code memory}, the memory of {@code array}; returns what frees it at most once, which
   * the array's close runs (and the garbage collector, if the array is dropped open).
   */
  public Cleaner.Cleanable add(Object array, DeviceMemory memory) {
    if (memory.collectable()) {
      return () -> {};
    }
    Release release = new Release(memory);
    open.add(release);
    return CLEANER.register(array, release);
  }

  /**
   * Frees the memory of every array still open; the Rectifier's close calls it while it excludes
   * every call. Each one is freed even if another fails, then the first failure is thrown.
   */
  public void freeAll() {
    RuntimeException failure = null;
    for (Release r : open) {
      if (open.remove(r)) {
        try {
          r.memory.close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Frees one array's memory, unless the Rectifier's close has: holds no reference to the array.
   */
  private final class Release implements Runnable {
    private final DeviceMemory memory;

    Release(DeviceMemory memory) {
      this.memory = memory;
    }

    @Override
    public void run() {
      calls.lock();
      try {
        if (open.remove(this)) {
          memory.close();
        }
      } finally {
        calls.unlock();
      }
    }
  }
}
