package dev.rectifier.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' one local[2] session (UI off), with {@link RectifierExtensions} installed. */
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
}
