package dev.rectifier.spark.executor;

import dev.rectifier.Rectifier;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The Rectifiers of this JVM (a Spark executor, or the driver in local mode), one per device,
 * shared by all tasks and closed by a shutdown hook when the JVM ends. A task runs on the CPU
 * backend, unless it was given a GPU ({@code spark.task.resource.gpu.amount}), which runs on the
 * OpenCL device matched to the GPU's address ({@link GpuDevices}), or OpenCL is configured ({@code
 * rectifier.backend=opencl} as a system property, or {@code RECTIFIER_BACKEND=opencl} in the
 * executor's environment), which runs on the device {@link Rectifier#create()} chooses.
 */
public final class ExecutorRectifiers {
  private static final Map<String, Choice> CHOSEN = new ConcurrentHashMap<>();
  private static Rectifier cpu;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ExecutorRectifiers::closeAll, "rectifier-spark-close"));
  }

  private ExecutorRectifiers() {}

  /** What a task runs on: the Rectifier and why. */
  private record Choice(Rectifier rectifier, String reason) {}

  /** The Rectifier for the current task (or thread, outside a task). */
  public static Rectifier get() {
    return choice().rectifier();
  }

  /**
   * What {@link #get()} gives the current task, and why: e.g. {@code gpu 3: no OpenCL GPU device
   * matches the address; CPU: Java, 1 thread, …}.
   */
  public static String describe() {
    Choice c = choice();
    return key() + ": " + c.reason() + "; " + c.rectifier().describe();
  }

  private static Choice choice() {
    return CHOSEN.computeIfAbsent(key(), ExecutorRectifiers::open);
  }

  /** {@code gpu <address>}, {@code opencl} or {@code cpu}. */
  private static String key() {
    TaskContext task = TaskContext.get();
    if (task != null) {
      ResourceInformation gpu = task.resourcesJMap().get("gpu");
      if (gpu != null && gpu.addresses().length > 0) {
        return "gpu " + gpu.addresses()[0];
      }
    }
    String backend = System.getProperty("rectifier.backend", System.getenv("RECTIFIER_BACKEND"));
    return "opencl".equals(backend == null ? null : backend.toLowerCase(Locale.ROOT))
        ? "opencl"
        : "cpu";
  }

  private static Choice open(String key) {
    if (key.equals("cpu")) {
      return new Choice(cpu(), "no GPU for the task and OpenCL not configured");
    }
    if (key.equals("opencl")) {
      Rectifier r = Rectifier.create();
      return new Choice(r, r.reason());
    }
    String address = key.substring("gpu ".length());
    try {
      var device = GpuDevices.match(address, Rectifier.devices());
      if (device.isPresent()) {
        int index = device.getAsInt();
        return new Choice(
            Rectifier.openCl(Integer.toString(index)),
            "OpenCL device " + index + " matches GPU address " + address);
      }
      return new Choice(cpu(), "no OpenCL GPU device matches GPU address " + address);
    } catch (RuntimeException e) {
      return new Choice(cpu(), "GPU address " + address + ": " + e.getMessage());
    }
  }

  /** The executor's CPU Rectifier, created once. */
  private static synchronized Rectifier cpu() {
    if (cpu == null) {
      SparkEnv env = SparkEnv.get();
      cpu = newCpuRectifier(env == null ? 1 : env.conf().getInt("spark.task.cpus", 1));
    }
    return cpu;
  }

  /**
   * A CPU Rectifier for this executor's tasks, sized by {@code spark.task.cpus}: {@code taskCpus}
   * threads per call.
   */
  static Rectifier newCpuRectifier(int taskCpus) {
    return Rectifier.cpu(taskCpus);
  }

  private static void closeAll() {
    CHOSEN.values().forEach(c -> c.rectifier().close());
    synchronized (ExecutorRectifiers.class) {
      if (cpu != null) {
        cpu.close();
      }
    }
  }
}
