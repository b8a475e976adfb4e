package dev.rectifier.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' one local[2] session (UI off), with {@link RectifierExtensions} installed, and the
 * settings of a session on a cluster whose executors run in JVMs of their own.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("rectifier-spark tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.warehouse.dir", "target/spark-warehouse")
              .config("spark.sql.extensions", RectifierExtensions.class.getName())
              .getOrCreate();
    }
    return session;
  }

  /**
   * A session on {@code master} whose executors get {@code jars} ({@code spark.jars}) and libjsig
   * ({@code LD_PRELOAD}, for PoCL), with the extensions installed, the UI off, on loopback.
   */
  public static SparkSession.Builder onCluster(String master, String jars, String appName) {
    return SparkSession.builder()
        .master(master)
        .appName(appName)
        .config("spark.jars", jars)
        .config("spark.sql.extensions", RectifierExtensions.class.getName())
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.warehouse.dir", "target/spark-warehouse")
        .config(
            "spark.executorEnv.LD_PRELOAD", System.getProperty("java.home") + "/lib/libjsig.so");
  }
}
