package dev.rectifier.choice;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An advisory lock on a file beside a cache file, held across JVMs until closed, so that JVMs
 * starting together calibrate one at a time (the later ones then find the verdict). When none can
 * be had in time, or the file system has no locks, it holds nothing and the caller goes ahead.
 */
final class CacheLock {
  private static final Logger LOG = System.getLogger("dev.rectifier");

  private final FileChannel channel;

  CacheLock(FileChannel channel) {
    this.channel = channel;
  }

  static CacheLock beside(Path file, long waitMillis) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + waitMillis * 1_000_000;
      while (channel.tryLock() == null) {
        if (System.nanoTime() > deadline) {
          LOG.log(Level.INFO, "rectifier: {0} stayed locked; calibrating anyway", lockFile);
          channel.close();
          return new CacheLock(null);
        }
        Thread.sleep(20);
      }
      return new CacheLock(channel);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "rectifier: cannot lock {0}, calibrating anyway: {1}", lockFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(channel);
    return new CacheLock(null);
  }

  void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close(); // releases the lock
      } catch (IOException e) {
        LOG.log(Level.INFO, "rectifier: cannot release a calibration lock: {0}", e);
      }
    }
  }
}
