package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.CallThreads;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;
import dev.rectifier.calls.BufferCall;
import dev.rectifier.calls.DeviceConversion;
import dev.rectifier.calls.DevicePrelu;
import dev.rectifier.calls.DeviceRequest;
import dev.rectifier.calls.OpenArrays;
import dev.rectifier.choice.BackendChoice;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.OpenClBackend;
import dev.rectifier.opencl.OpenClRuntime;
import dev.rectifier.settings.Setting;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * ReLU, Leaky ReLU, PReLU and their gradients on large arrays, on an OpenCL device or the Java CPU
 * backend, with the same bits either way.
 *
 * <p>What each op computes, for float and double alike and for every input including NaN, ±0, ±Inf
 * and subnormals, is the contract in {@code docs/contract.md}; each method below says it in short.
 * Alpha may be any finite value (0, negative, above 1); NaN or infinite alpha is rejected. Every
 * result is exact: the backends agree bit for bit, except that NaN payloads may differ, and a
 * device without denormal support ({@code CL_FP_DENORM}) may flush subnormals to zero.
 *
 * <p>Every method takes whole arrays or ranges ({@code offset}, {@code length}). The output may be
 * an input array (in place) when their ranges are equal; ranges of one array that partially overlap
 * are rejected. Arguments are checked before anything is written: on any exception the output is
 * unchanged. An empty range is a no-op. Instances are thread-safe; close them when done. On an
 * OpenCL device without {@code cl_khr_fp64}, double ops run on the CPU backend (logged once).
 *
 * <p>16-bit elements ({@link Precision#HALF}, {@link Precision#BFLOAT16}) travel as their bits in
 * {@code short[]} and {@code ShortBuffer}, the precision given first ({@code relu(Precision.HALF,
 * x, y)}), and every op form exists for them as for float: each element converted exactly to float,
 * the float op (alpha and PReLU's weights are floats), the result rounded once to the format.
 * {@link Precision#round(float[], short[])} and {@link Precision#widen(short[], float[])} convert
 * Java arrays, {@link #convert(DeviceArray, DeviceArray)} device arrays.
 *
 * <p>What each op runs on ({@code apply} takes the op as an argument; {@link #timing()} times ops
 * and copies on device arrays):
 *
 * <table class="striped">
 *   <caption>The ops and what they take</caption>
 *   <thead>
 *     <tr><th scope="col">op</th><th scope="col">Java arrays</th><th scope="col">ranges</th>
 *       <th scope="col">buffers</th><th scope="col">device arrays</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><th scope="row">relu, reluGrad</th><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *     <tr><th scope="row">leakyRelu, leakyReluGrad</th><td>yes</td><td>yes</td><td>yes</td>
 *       <td>yes</td></tr>
 *     <tr><th scope="row">prelu, preluGrad</th><td>yes</td><td>no</td><td>no</td><td>yes</td></tr>
 *     <tr><th scope="row">apply (any {@link Op})</th><td>yes</td><td>no</td><td>yes</td>
 *       <td>yes</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Calls on Java arrays copy them through the device and return when the result is there. For
 * chains of ops, {@link #upload(float[])} the data once into a {@link DeviceArray}, run the ops on
 * device arrays, and read the result back once. Ops on device arrays are enqueued in order and
 * return without waiting for the device: {@link #finish()} and {@link DeviceArray#read(float[])}
 * wait. To join your own OpenCL work, open a Rectifier on your queue ({@link
 * #openCl(cl_command_queue)}) and {@link #wrap} your buffers.
 *
 * <pre>{@code
 * try (Rectifier r = Rectifier.create()) {
 *   r.leakyRelu(x, y, 0.01f);
 *   r.leakyReluGrad(x, dy, dx, 0.01f);
 * }
 * }</pre>
 */
public final class Rectifier implements AutoCloseable {
  private static final Logger LOG = System.getLogger("dev.rectifier");

  private final Backend backend;
  private final String reason;
  private final Backend cpu = new CpuBackend();

  /** Calls hold the read lock; close takes the write lock, so it waits for calls in flight. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

  /** The memory of the device arrays left open, which close frees. */
  private final OpenArrays open = new OpenArrays(lifecycle.readLock());

  private boolean closed;
  private final Set<Precision> toldOnCpu = ConcurrentHashMap.newKeySet();
  private final DeviceTiming timing = new DeviceTiming(this);

  /** A facade over {@code backend}; package-private for tests that watch what reaches it. */
  Rectifier(Backend backend, String reason) {
    this.backend = backend;
    this.reason = reason;
  }

  /**
   * The backend the settings choose, by default the best OpenCL GPU or accelerator, else the Java
   * CPU backend. The choice and its reason are logged. Settings: system property {@code
   * rectifier.backend} or environment variable {@code RECTIFIER_BACKEND} ({@code auto}, {@code
   * cpu}, {@code opencl}), and {@code rectifier.device} or {@code RECTIFIER_DEVICE} (an OpenCL
   * device index or a substring of its name). With {@code auto}, any OpenCL failure falls back to
   * the CPU backend; with {@code opencl} it throws.
   *
   * @throws IllegalArgumentException if {@code rectifier.backend} has another value
   * @throws RectifierException if {@code opencl} is asked for and cannot be had
   */
  public static Rectifier create() {
    BackendChoice choice = BackendChoice.fromSettings();
    LOG.log(choice.level(), "rectifier: {0} ({1})", choice.backend().describe(), choice.reason());
    return new Rectifier(choice.backend(), choice.reason());
  }

  /**
   * The Java CPU backend. A call on a large array runs on the calling thread and the common
   * fork-join pool's threads.
   */
  public static Rectifier cpu() {
    return new Rectifier(new CpuBackend(), "Rectifier.cpu()");
  }

  /**
   * The Java CPU backend, each call on at most {@code maxThreads} threads, the caller's included
   * (the others from the common fork-join pool, so fewer where the pool is smaller). Calls made at
   * once from several threads each use up to that many. {@code cpu(1)} runs every call on the
   * calling thread alone, as a task of a framework that gives each task one core would want.
   *
   * @throws IllegalArgumentException if {@code maxThreads} is less than 1
   */
  public static Rectifier cpu(int maxThreads) {
    return new Rectifier(
        new CpuBackend(CallThreads.upTo(maxThreads, "maxThreads")),
        "Rectifier.cpu(" + maxThreads + ")");
  }

  /**
   * An OpenCL device: the one {@code rectifier.device} / {@code RECTIFIER_DEVICE} names, else the
   * best one (GPU, then accelerator, then CPU device).
   *
   * @throws OpenClUnavailableException if there is no OpenCL library, platform or such device
   * @throws RectifierException if the device cannot be set up or the kernels do not build
   */
  public static Rectifier openCl() {
    return openCl(Setting.DEVICE.value());
  }

  /**
   * The OpenCL device {@code device} names: its index in {@code rectifier devices}, or a
   * case-insensitive substring of its name; null or blank for the best device.
   *
   * @throws OpenClUnavailableException if there is no OpenCL library, platform or such device
   * @throws RectifierException if the device cannot be set up or the kernels do not build
   */
  public static Rectifier openCl(String device) {
    return new Rectifier(OpenClBackend.open(device), "Rectifier.openCl(" + device + ")");
  }

  /**
   * Runs on the user's OpenCL {@code queue}, its context and its device: every op, on device arrays
   * and Java arrays alike, is enqueued on that queue, in order with the user's own commands, so
   * that kernels of both read each other's results with no host round trip. The Rectifier holds a
   * reference to the queue and its context while open and never releases the user's own; the
   * kernels are built for that context (or loaded from the binary cache). Without {@code
   * CL_QUEUE_PROFILING_ENABLE} on the queue, {@link #timing()} returns empty times.
   *
   * @throws NullPointerException if {@code queue} is null
   * @throws IllegalArgumentException if the queue runs commands out of order
   * @throws OpenClUnavailableException if no OpenCL platform lists the queue's device
   * @throws RectifierException if the queue cannot be queried or the kernels do not build
   */
  public static Rectifier openCl(cl_command_queue queue) {
    Objects.requireNonNull(queue, "queue must not be null");
    return new Rectifier(OpenClBackend.onQueue(queue), "Rectifier.openCl(" + queue + ")");
  }

  /**
   * The OpenCL devices of every platform the OpenCL loader lists, in the order that {@code
   * rectifier.device}, {@link #openCl(String)} and {@code rectifier devices} number them.
   *
   * @throws OpenClUnavailableException if there is no OpenCL library or platform, saying which
   */
  public static List<DeviceInfo> devices() {
    return OpenClRuntime.devices();
  }

  /**
   * The backend and device, e.g. {@code OpenCL: pthread-skylake-avx512-AMD EPYC (CPU, Portable
   * Computing Language 3.1+debian)} or {@code CPU: Java, 16 threads}.
   */
  public String describe() {
    return backend.describe();
  }

  /** The OpenCL device this Rectifier runs on; empty on the CPU backend. */
  public Optional<DeviceInfo> device() {
    return backend.device();
  }

  /**
   * Why this backend was chosen, e.g. {@code no OpenCL library found ...; using the CPU backend}.
   */
  public String reason() {
    return reason;
  }

  /** Ops and copies on this Rectifier's device arrays, timed by the device's own clock. */
  public DeviceTiming timing() {
    return timing;
  }

  /** {@code y[i] = relu(x[i])}; {@code y} may be {@code x}. */
  public void relu(float[] x, float[] y) {
    relu(x, 0, y, 0, Request.wholeLength(Op.RELU, x, null, y));
  }

  /** {@code y[i] = relu(x[i])}; {@code y} may be {@code x}. */
  public void relu(double[] x, double[] y) {
    relu(x, 0, y, 0, Request.wholeLength(Op.RELU, x, null, y));
  }

  /** {@code y[yOffset + i] = relu(x[xOffset + i])} for {@code i < length}. */
  public void relu(float[] x, int xOffset, float[] y, int yOffset, int length) {
    run(new FloatRequest(Op.RELU, x, xOffset, null, 0, y, yOffset, length, 0));
  }

  /** {@code y[yOffset + i] = relu(x[xOffset + i])} for {@code i < length}. */
  public void relu(double[] x, int xOffset, double[] y, int yOffset, int length) {
    run(new DoubleRequest(Op.RELU, x, xOffset, null, 0, y, yOffset, length, 0));
  }

  /**
   * {@code dx[i] = x[i] > 0 ? dy[i] : +0.0}, the gradient of relu at the forward input {@code x}
   * (passing the forward output gives the same result); {@code dx} may be {@code dy} or {@code x}.
   */
  public void reluGrad(float[] x, float[] dy, float[] dx) {
    reluGrad(x, 0, dy, 0, dx, 0, Request.wholeLength(Op.RELU_GRAD, x, dy, dx));
  }

  /** As {@link #reluGrad(float[], float[], float[])}, for double. */
  public void reluGrad(double[] x, double[] dy, double[] dx) {
    reluGrad(x, 0, dy, 0, dx, 0, Request.wholeLength(Op.RELU_GRAD, x, dy, dx));
  }

  /**
   * The relu gradient on ranges: {@code dx[dxOffset + i]} from {@code x[xOffset + i]}, {@code
   * dy[dyOffset + i]}.
   */
  public void reluGrad(
      float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
    run(new FloatRequest(Op.RELU_GRAD, x, xOffset, dy, dyOffset, dx, dxOffset, length, 0));
  }

  /**
   * The relu gradient on ranges: {@code dx[dxOffset + i]} from {@code x[xOffset + i]}, {@code
   * dy[dyOffset + i]}.
   */
  public void reluGrad(
      double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int length) {
    run(new DoubleRequest(Op.RELU_GRAD, x, xOffset, dy, dyOffset, dx, dxOffset, length, 0));
  }

  /**
   * {@code y[i] = x[i] > 0 ? x[i] : alpha * x[i]}, for any finite alpha; {@code y} may be {@code
   * x}.
   */
  public void leakyRelu(float[] x, float[] y, float alpha) {
    leakyRelu(x, 0, y, 0, Request.wholeLength(Op.LEAKY_RELU, x, null, y), alpha);
  }

  /**
   * {@code y[i] = x[i] > 0 ? x[i] : alpha * x[i]}, for any finite alpha; {@code y} may be {@code
   * x}.
   */
  public void leakyRelu(double[] x, double[] y, double alpha) {
    leakyRelu(x, 0, y, 0, Request.wholeLength(Op.LEAKY_RELU, x, null, y), alpha);
  }

  /**
   * Leaky ReLU on ranges: {@code y[yOffset + i]} from {@code x[xOffset + i]}, {@code i < length}.
   */
  public void leakyRelu(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
    run(new FloatRequest(Op.LEAKY_RELU, x, xOffset, null, 0, y, yOffset, length, alpha));
  }

  /**
   * Leaky ReLU on ranges: {@code y[yOffset + i]} from {@code x[xOffset + i]}, {@code i < length}.
   */
  public void leakyRelu(
      double[] x, int xOffset, double[] y, int yOffset, int length, double alpha) {
    run(new DoubleRequest(Op.LEAKY_RELU, x, xOffset, null, 0, y, yOffset, length, alpha));
  }

  /**
   * {@code dx[i] = x[i] > 0 ? dy[i] : alpha * dy[i]}, the Leaky ReLU gradient at the forward input
   * {@code x}; for alpha &gt; 0 the forward output has the same sign, so passing it gives the same
   * result. {@code dx} may be {@code dy} or {@code x}.
   */
  public void leakyReluGrad(float[] x, float[] dy, float[] dx, float alpha) {
    leakyReluGrad(x, 0, dy, 0, dx, 0, Request.wholeLength(Op.LEAKY_RELU_GRAD, x, dy, dx), alpha);
  }

  /** As {@link #leakyReluGrad(float[], float[], float[], float)}, for double. */
  public void leakyReluGrad(double[] x, double[] dy, double[] dx, double alpha) {
    leakyReluGrad(x, 0, dy, 0, dx, 0, Request.wholeLength(Op.LEAKY_RELU_GRAD, x, dy, dx), alpha);
  }

  /** The Leaky ReLU gradient on ranges, as the whole-array form. */
  public void leakyReluGrad(
      float[] x,
      int xOffset,
      float[] dy,
      int dyOffset,
      float[] dx,
      int dxOffset,
      int length,
      float alpha) {
    run(
        new FloatRequest(
            Op.LEAKY_RELU_GRAD, x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha));
  }

  /** The Leaky ReLU gradient on ranges, as the whole-array form. */
  public void leakyReluGrad(
      double[] x,
      int xOffset,
      double[] dy,
      int dyOffset,
      double[] dx,
      int dxOffset,
      int length,
      double alpha) {
    run(
        new DoubleRequest(
            Op.LEAKY_RELU_GRAD, x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha));
  }

  /**
   * Any op on whole arrays, chosen at run time: {@code dy} is the incoming gradient of a gradient
   * op and must be null for relu and leakyRelu; relu and reluGrad ignore {@code alpha}.
   */
  public void apply(Op op, float[] x, float[] dy, float[] out, float alpha) {
    run(new FloatRequest(op, x, 0, dy, 0, out, 0, Request.wholeLength(op, x, dy, out), alpha));
  }

  /** As {@link #apply(Op, float[], float[], float[], float)}, for double. */
  public void apply(Op op, double[] x, double[] dy, double[] out, double alpha) {
    run(new DoubleRequest(op, x, 0, dy, 0, out, 0, Request.wholeLength(op, x, dy, out), alpha));
  }

  /**
   * {@code y[i] = relu(x[i])} on 16-bit elements of {@code precision}, {@link Precision#HALF} or
   * {@link Precision#BFLOAT16}, held as their bits: each element converted exactly to float, the
   * float op, the result rounded once to the format (docs/contract.md, "HALF and BFLOAT16"). The
   * precision comes first so that one format's bits never pass for the other's. {@code y} may be
   * {@code x}.
   *
   * @throws NullPointerException if {@code precision} or an array is null
   * @throws IllegalArgumentException if {@code precision} is not HALF or BFLOAT16, or as {@link
   *     #relu(float[], float[])}
   */
  public void relu(Precision precision, short[] x, short[] y) {
    run(Op.RELU, precision, x, null, y, 0);
  }

  /** {@link #relu(Precision, short[], short[])} on ranges, as the float form takes them. */
  public void relu(
      Precision precision, short[] x, int xOffset, short[] y, int yOffset, int length) {
    run(new ShortRequest(precision, Op.RELU, x, xOffset, null, 0, y, yOffset, length, 0));
  }

  /** The relu gradient on 16-bit elements, as {@link #relu(Precision, short[], short[])}. */
  public void reluGrad(Precision precision, short[] x, short[] dy, short[] dx) {
    run(Op.RELU_GRAD, precision, x, dy, dx, 0);
  }

  /** The relu gradient on ranges of 16-bit elements, as the float form takes them. */
  public void reluGrad(
      Precision precision,
      short[] x,
      int xOffset,
      short[] dy,
      int dyOffset,
      short[] dx,
      int dxOffset,
      int length) {
    run(
        new ShortRequest(
            precision, Op.RELU_GRAD, x, xOffset, dy, dyOffset, dx, dxOffset, length, 0));
  }

  /**
   * Leaky ReLU on 16-bit elements, as {@link #relu(Precision, short[], short[])}: alpha is a float
   * and is never rounded to 16 bits.
   */
  public void leakyRelu(Precision precision, short[] x, short[] y, float alpha) {
    run(Op.LEAKY_RELU, precision, x, null, y, alpha);
  }

  /** Leaky ReLU on ranges of 16-bit elements, as the float form takes them. */
  public void leakyRelu(
      Precision precision,
      short[] x,
      int xOffset,
      short[] y,
      int yOffset,
      int length,
      float alpha) {
    run(new ShortRequest(precision, Op.LEAKY_RELU, x, xOffset, null, 0, y, yOffset, length, alpha));
  }

  /** The Leaky ReLU gradient on 16-bit elements, as {@link #relu(Precision, short[], short[])}. */
  public void leakyReluGrad(Precision precision, short[] x, short[] dy, short[] dx, float alpha) {
    run(Op.LEAKY_RELU_GRAD, precision, x, dy, dx, alpha);
  }

  /** The Leaky ReLU gradient on ranges of 16-bit elements, as the float form takes them. */
  public void leakyReluGrad(
      Precision precision,
      short[] x,
      int xOffset,
      short[] dy,
      int dyOffset,
      short[] dx,
      int dxOffset,
      int length,
      float alpha) {
    run(
        new ShortRequest(
            precision, Op.LEAKY_RELU_GRAD, x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha));
  }

  /**
   * Any op on whole arrays of 16-bit elements, chosen at run time, as {@link #apply(Op, float[],
   * float[], float[], float)} and {@link #relu(Precision, short[], short[])}.
   */
  public void apply(Op op, Precision precision, short[] x, short[] dy, short[] out, float alpha) {
    run(op, precision, x, dy, out, alpha);
  }

  /** A whole-array request on 16-bit elements, its precision checked first. */
  private void run(Op op, Precision precision, short[] x, short[] dy, short[] out, float alpha) {
    ShortRequest.requireSixteenBit(precision);
    int length = Request.wholeLength(op, x, dy, out);
    run(new ShortRequest(precision, op, x, 0, dy, 0, out, 0, length, alpha));
  }

  /**
   * {@code y = relu(x)} on buffers: each from its {@code position()} to its {@code limit()}, with
   * the same {@code remaining()}, direct or heap, in the native byte order; positions are left as
   * they were. {@code y} may be {@code x}. The buffer ops check their arguments like the array ops
   * (overlap as far as it shows: the same buffer or backing array). Writable heap buffers run on
   * their arrays in place, direct buffers on a device that shares host memory in their own memory
   * ({@code CL_MEM_USE_HOST_PTR}), others through chunks of Java arrays.
   *
   * @throws IllegalArgumentException if the remainders differ, a buffer is not in the native byte
   *     order, the output is read-only, or it partially overlaps an input
   */
  public void relu(FloatBuffer x, FloatBuffer y) {
    run(new BufferCall(Op.RELU, x, null, y, 0));
  }

  /** As {@link #relu(FloatBuffer, FloatBuffer)}, for double. */
  public void relu(DoubleBuffer x, DoubleBuffer y) {
    run(new BufferCall(Op.RELU, x, null, y, 0));
  }

  /** The relu gradient on buffers, as {@link #relu(FloatBuffer, FloatBuffer)} takes them. */
  public void reluGrad(FloatBuffer x, FloatBuffer dy, FloatBuffer dx) {
    run(new BufferCall(Op.RELU_GRAD, x, dy, dx, 0));
  }

  /** The relu gradient on buffers, as {@link #relu(FloatBuffer, FloatBuffer)} takes them. */
  public void reluGrad(DoubleBuffer x, DoubleBuffer dy, DoubleBuffer dx) {
    run(new BufferCall(Op.RELU_GRAD, x, dy, dx, 0));
  }

  /** Leaky ReLU on buffers, as {@link #relu(FloatBuffer, FloatBuffer)} takes them. */
  public void leakyRelu(FloatBuffer x, FloatBuffer y, float alpha) {
    run(new BufferCall(Op.LEAKY_RELU, x, null, y, alpha));
  }

  /** Leaky ReLU on buffers, as {@link #relu(FloatBuffer, FloatBuffer)} takes them. */
  public void leakyRelu(DoubleBuffer x, DoubleBuffer y, double alpha) {
    run(new BufferCall(Op.LEAKY_RELU, x, null, y, alpha));
  }

  /** The Leaky ReLU gradient on buffers, as {@link #relu(FloatBuffer, FloatBuffer)} takes them. */
  public void leakyReluGrad(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, float alpha) {
    run(new BufferCall(Op.LEAKY_RELU_GRAD, x, dy, dx, alpha));
  }

  /** The Leaky ReLU gradient on buffers, as {@link #relu(FloatBuffer, FloatBuffer)} takes them. */
  public void leakyReluGrad(DoubleBuffer x, DoubleBuffer dy, DoubleBuffer dx, double alpha) {
    run(new BufferCall(Op.LEAKY_RELU_GRAD, x, dy, dx, alpha));
  }

  /**
   * PReLU, Leaky ReLU with a slope learned per channel: {@code y[i] = x[i] > 0 ? x[i] : weight[c] *
   * x[i]}, with {@code x} viewed as {@code [n][channels][inner]}, {@code channels = weight.length}
   * and {@code c = (i / inner) % channels} ({@code inner = 1} for channels-last). The weights may
   * be any value, NaN and infinite ones included: the result is then what IEEE arithmetic gives,
   * the same on every backend. {@code y} may be {@code x}; it must not be {@code weight}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if {@code weight} is empty, {@code inner} is not positive, the
   *     lengths differ, {@code x.length} is not a multiple of {@code channels · inner}, or {@code
   *     y} is {@code weight}; nothing is written then
   */
  public void prelu(float[] x, float[] y, float[] weight, int inner) {
    run(PreluRequest.forward(x, y, weight, inner));
  }

  /** As {@link #prelu(float[], float[], float[], int)}, for double. */
  public void prelu(double[] x, double[] y, double[] weight, int inner) {
    run(PreluRequest.forward(x, y, weight, inner));
  }

  /**
   * The PReLU gradient at the forward input {@code x}: {@code dx[i] = x[i] > 0 ? dy[i] : weight[c]
   * * dy[i]} (the derivative at 0 is the weight), and {@code dweight[c]}, overwritten, the sum over
   * the channel's elements of {@code x > 0 ? +0 : x * dy}, each term rounded to the element type.
   * The sum is taken in a fixed order with a compensated accumulator (the order in {@code
   * docs/contract.md}), so it is the same bits on every backend, device and run, whatever the
   * thread count, and within {@code 4 · eps · Σ|terms|} of the exact sum (eps = 2^−24 for float);
   * Inf and NaN terms give what IEEE addition gives. With an empty {@code x}, {@code dweight} is
   * all +0. {@code dx} may be {@code dy} or {@code x}; {@code dweight} must be none of the other
   * arrays.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException as {@link #prelu(float[], float[], float[], int)}, and if
   *     {@code dweight.length} differs from {@code weight.length} or {@code dweight} is another
   *     argument; nothing is written then
   */
  public void preluGrad(
      float[] x, float[] dy, float[] dx, float[] weight, int inner, float[] dweight) {
    run(PreluRequest.gradient(x, dy, dx, weight, inner, dweight));
  }

  /** As {@link #preluGrad(float[], float[], float[], float[], int, float[])}, for double. */
  public void preluGrad(
      double[] x, double[] dy, double[] dx, double[] weight, int inner, double[] dweight) {
    run(PreluRequest.gradient(x, dy, dx, weight, inner, dweight));
  }

  /**
   * {@link #prelu(float[], float[], float[], int)} on 16-bit elements of {@code precision}, as
   * {@link #relu(Precision, short[], short[])}: the weights are floats, never rounded to 16 bits.
   *
   * @throws IllegalArgumentException if {@code precision} is not HALF or BFLOAT16, or as the float
   *     form
   */
  public void prelu(Precision precision, short[] x, short[] y, float[] weight, int inner) {
    run(PreluRequest.forward(precision, x, y, weight, inner));
  }

  /**
   * {@link #preluGrad(float[], float[], float[], float[], int, float[])} on 16-bit elements of
   * {@code precision}, as {@link #relu(Precision, short[], short[])}: the weights and their
   * gradient are floats, {@code dweight} summed in float over the inputs converted exactly, in the
   * float form's order, so it has the float form's bits on those values.
   *
   * @throws IllegalArgumentException if {@code precision} is not HALF or BFLOAT16, or as the float
   *     form
   */
  public void preluGrad(
      Precision precision,
      short[] x,
      short[] dy,
      short[] dx,
      float[] weight,
      int inner,
      float[] dweight) {
    run(PreluRequest.gradient(precision, x, dy, dx, weight, inner, dweight));
  }

  /**
   * Any op on buffers, chosen at run time, taking them as {@link #relu(FloatBuffer, FloatBuffer)}
   * does: {@code dy} must be null for relu and leakyRelu; relu and reluGrad ignore {@code alpha}.
   */
  public void apply(Op op, FloatBuffer x, FloatBuffer dy, FloatBuffer out, float alpha) {
    run(new BufferCall(Objects.requireNonNull(op, "op must not be null"), x, dy, out, alpha));
  }

  /** As {@link #apply(Op, FloatBuffer, FloatBuffer, FloatBuffer, float)}, for double. */
  public void apply(Op op, DoubleBuffer x, DoubleBuffer dy, DoubleBuffer out, double alpha) {
    run(new BufferCall(Objects.requireNonNull(op, "op must not be null"), x, dy, out, alpha));
  }

  /**
   * {@code y = relu(x)} on buffers of 16-bit elements of {@code precision}, taken as {@link
   * #relu(FloatBuffer, FloatBuffer)} takes them and computed as {@link #relu(Precision, short[],
   * short[])}.
   *
   * @throws IllegalArgumentException if {@code precision} is not HALF or BFLOAT16, or as the float
   *     form
   */
  public void relu(Precision precision, ShortBuffer x, ShortBuffer y) {
    run(new BufferCall(Op.RELU, x, null, y, 0, precision));
  }

  /**
   * The relu gradient on buffers of 16-bit elements, as {@link #relu(Precision, ShortBuffer,
   * ShortBuffer)}.
   */
  public void reluGrad(Precision precision, ShortBuffer x, ShortBuffer dy, ShortBuffer dx) {
    run(new BufferCall(Op.RELU_GRAD, x, dy, dx, 0, precision));
  }

  /**
   * Leaky ReLU on buffers of 16-bit elements, as {@link #relu(Precision, ShortBuffer,
   * ShortBuffer)}.
   */
  public void leakyRelu(Precision precision, ShortBuffer x, ShortBuffer y, float alpha) {
    run(new BufferCall(Op.LEAKY_RELU, x, null, y, alpha, precision));
  }

  /**
   * The Leaky ReLU gradient on buffers of 16-bit elements, as {@link #relu(Precision, ShortBuffer,
   * ShortBuffer)}.
   */
  public void leakyReluGrad(
      Precision precision, ShortBuffer x, ShortBuffer dy, ShortBuffer dx, float alpha) {
    run(new BufferCall(Op.LEAKY_RELU_GRAD, x, dy, dx, alpha, precision));
  }

  /**
   * Any op on buffers of 16-bit elements, chosen at run time, as {@link #apply(Op, FloatBuffer,
   * FloatBuffer, FloatBuffer, float)} and {@link #relu(Precision, ShortBuffer, ShortBuffer)}.
   */
  public void apply(
      Op op, Precision precision, ShortBuffer x, ShortBuffer dy, ShortBuffer out, float alpha) {
    Objects.requireNonNull(op, "op must not be null");
    run(new BufferCall(op, x, dy, out, alpha, precision));
  }

  /**
   * A zeroed {@link DeviceArray} of {@code length} elements on this Rectifier's device (a Java
   * array on the CPU backend, and for double on an OpenCL device without {@code cl_khr_fp64}).
   *
   * @throws IllegalArgumentException if {@code length} is negative
   * @throws RectifierException if the device cannot allocate it
   */
  public DeviceArray allocate(Precision precision, int length) {
    Objects.requireNonNull(precision, "precision must not be null");
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, was " + length);
    }
    return deviceArray(precision, length, owner -> owner.allocate(precision, length));
  }

  /**
   * A {@link DeviceArray} over the first {@code length} elements of the user's OpenCL {@code
   * buffer}, without copying: ops on it read and write that buffer. The array retains the buffer
   * until it is closed (or this Rectifier is), and its close releases only that retain.
   *
   * <p>Where the buffer lies (a sub-buffer's parent and offset) and its flags are read here, and
   * every call checks them. Arguments that share memory (a buffer and its sub-buffer, overlapping
   * sub-buffers, one buffer wrapped twice) are refused, naming them, unless they are the same
   * memory where the op allows one array twice (the output as an input, in place); disjoint
   * sub-buffers of one buffer are independent arrays. A {@code CL_MEM_READ_ONLY} buffer is refused
   * as an output, a {@code CL_MEM_WRITE_ONLY} one as an input, and {@link DeviceArray#read} and
   * {@link DeviceArray#write} refuse what {@code CL_MEM_HOST_NO_ACCESS}, {@code
   * CL_MEM_HOST_READ_ONLY} or {@code CL_MEM_HOST_WRITE_ONLY} forbid; nothing is written then.
   *
   * @throws NullPointerException if {@code buffer} or {@code precision} is null
   * @throws IllegalArgumentException if {@code length} is negative, the buffer belongs to another
   *     context than this Rectifier's, holds fewer than {@code length} elements, or is double on a
   *     device without {@code cl_khr_fp64}
   * @throws IllegalStateException if this Rectifier is not on an OpenCL device, or is closed
   */
  public DeviceArray wrap(cl_mem buffer, Precision precision, int length) {
    Objects.requireNonNull(buffer, "buffer must not be null");
    Objects.requireNonNull(precision, "precision must not be null");
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, was " + length);
    }
    if (backend.device().isPresent() && !backend.supports(precision)) {
      throw new IllegalArgumentException(
          "precision is "
              + precision
              + ", which "
              + describe()
              + " cannot compute (no cl_khr_fp64): its double arrays live on the CPU backend");
    }
    return whileOpen(
        () ->
            new DeviceArray(
                this, backend, backend.wrap(buffer, precision, length), precision, length, open));
  }

  /**
   * Waits until every op and copy on this Rectifier's device arrays is done. On the CPU backend it
   * returns at once.
   *
   * @throws RectifierException naming the op and arrays, if one failed on the device since the last
   *     finish (or read); this Rectifier keeps working
   * @throws IllegalStateException if this Rectifier is closed
   */
  public void finish() {
    whileOpen(backend::finish);
  }

  /** A {@link DeviceArray} holding a copy of {@code data}. */
  public DeviceArray upload(float[] data) {
    return upload(HostRange.of(data));
  }

  /** A {@link DeviceArray} holding a copy of {@code data}. */
  public DeviceArray upload(double[] data) {
    return upload(HostRange.of(data));
  }

  /**
   * A {@link DeviceArray} of the 16-bit {@code precision} holding a copy of {@code data}, its bits.
   *
   * @throws IllegalArgumentException if {@code precision} is not HALF or BFLOAT16
   */
  public DeviceArray upload(Precision precision, short[] data) {
    return upload(HostRange.of(ShortRequest.requireSixteenBit(precision), data));
  }

  private DeviceArray upload(HostRange data) {
    Objects.requireNonNull(data, "data must not be null");
    return deviceArray(data.precision(), data.length(), owner -> owner.upload(data));
  }

  /** A device array on the backend for {@code precision}, its memory made by {@code make}. */
  private DeviceArray deviceArray(
      Precision precision, int length, Function<Backend, DeviceMemory> make) {
    return whileOpen(
        () -> {
          Backend owner = backendFor(precision);
          return new DeviceArray(this, owner, make.apply(owner), precision, length, open);
        });
  }

  /** {@code y = relu(x)} on the device; {@code y} may be {@code x}. */
  public void relu(DeviceArray x, DeviceArray y) {
    apply(Op.RELU, x, null, y, 0);
  }

  /** {@code dx = x > 0 ? dy : +0.0} on the device; {@code dx} may be {@code x} or {@code dy}. */
  public void reluGrad(DeviceArray x, DeviceArray dy, DeviceArray dx) {
    apply(Op.RELU_GRAD, x, dy, dx, 0);
  }

  /** {@code y = x > 0 ? x : alpha * x} on the device; {@code y} may be {@code x}. */
  public void leakyRelu(DeviceArray x, DeviceArray y, double alpha) {
    apply(Op.LEAKY_RELU, x, null, y, alpha);
  }

  /**
   * {@code dx = x > 0 ? dy : alpha * dy} on the device; {@code dx} may be {@code x} or {@code dy}.
   */
  public void leakyReluGrad(DeviceArray x, DeviceArray dy, DeviceArray dx, double alpha) {
    apply(Op.LEAKY_RELU_GRAD, x, dy, dx, alpha);
  }

  /**
   * {@link #prelu(float[], float[], float[], int)} on device arrays of one precision made by this
   * Rectifier: {@code x} and {@code y} of one length, {@code weight} of the channel count.
   *
   * @throws IllegalArgumentException as the array form, and if an array was made by another
   *     Rectifier or holds another precision than {@code x}
   * @throws IllegalStateException if an array or this Rectifier is closed
   */
  public void prelu(DeviceArray x, DeviceArray y, DeviceArray weight, int inner) {
    onDevice(DevicePrelu.of(this, false, x, null, y, weight, inner, null), false);
  }

  /**
   * {@link #preluGrad(float[], float[], float[], float[], int, float[])} on device arrays of one
   * precision made by this Rectifier: {@code x}, {@code dy} and {@code dx} of one length, {@code
   * weight} and {@code dweight} of the channel count. {@code dweight} has the same bits as the
   * array form gives on any backend.
   *
   * @throws IllegalArgumentException as the array form, and if an array was made by another
   *     Rectifier or holds another precision than {@code x}
   * @throws IllegalStateException if an array or this Rectifier is closed
   */
  public void preluGrad(
      DeviceArray x,
      DeviceArray dy,
      DeviceArray dx,
      DeviceArray weight,
      int inner,
      DeviceArray dweight) {
    onDevice(DevicePrelu.of(this, true, x, dy, dx, weight, inner, dweight), false);
  }

  /**
   * Converts between a float and a 16-bit device array of one length, made by this Rectifier: float
   * to {@link Precision#HALF} or {@link Precision#BFLOAT16} rounds as {@link
   * Precision#round(float)} does, and back is exact. Enqueued after the ops before it, as an op.
   *
   * @throws IllegalArgumentException if the arrays are not one float and one 16-bit array, differ
   *     in length, or one was made by another Rectifier
   * @throws IllegalStateException if an array or this Rectifier is closed
   */
  public void convert(DeviceArray source, DeviceArray target) {
    DeviceConversion c = DeviceConversion.of(this, source, target);
    whileOpen(
        () ->
            DeviceArray.using(
                () -> {
                  c.run();
                  return null;
                },
                source,
                target));
  }

  /** Runs the checked PReLU call {@code p} while neither its arrays nor this can close. */
  OptionalLong onDevice(DevicePrelu p, boolean timed) {
    return whileOpen(
        () ->
            DeviceArray.using(() -> p.run(timed), p.x(), p.dy(), p.out(), p.weight(), p.dweight()));
  }

  /**
   * Any op on device arrays of one precision and length, made by this Rectifier; on an OpenCL
   * device it is enqueued after the ops before it and returns without waiting ({@link #finish()}
   * waits, and reports a failure on the device). {@code dy} must be null for relu and leakyRelu; a
   * float op uses {@code (float) alpha}. An array closed meanwhile is freed only once the op is
   * done.
   *
   * @throws IllegalArgumentException if an array was made by another Rectifier (even on the same
   *     device: each Rectifier's close releases what its arrays use), the arrays differ in
   *     precision or length, or alpha is not finite (for float arrays: not finite as a float)
   * @throws IllegalStateException if an array or this Rectifier is closed
   */
  public void apply(Op op, DeviceArray x, DeviceArray dy, DeviceArray out, double alpha) {
    onDevice(
        new DeviceRequest(this, op, x, dy, out, alpha),
        r -> {
          r.backend().run(op, x.memory(), r.dyMemory(), out.memory(), r.alpha());
          return null;
        });
  }

  /** Runs {@code work} on the checked request's arrays while neither they nor this can close. */
  <T> T onDevice(DeviceRequest request, Function<DeviceRequest, T> work) {
    return whileOpen(
        () ->
            DeviceArray.using(() -> work.apply(request), request.x(), request.dy(), request.out()));
  }

  private Backend backendFor(Precision precision) {
    if (backend.supports(precision)) {
      return backend;
    }
    if (toldOnCpu.add(precision)) {
      LOG.log(
          Level.INFO,
          "rectifier: {0} {1}; {2} ops run on the CPU backend",
          describe(),
          precision == Precision.DOUBLE ? "has no cl_khr_fp64" : "has no program for them",
          Names.cType(precision));
    }
    return cpu;
  }

  /**
   * Releases the backend's resources once the calls in progress in other threads have finished, and
   * frees the device arrays left open (an array from {@link #wrap} releases only its retain of the
   * user's buffer). Idempotent; later calls, and calls on this Rectifier's device arrays, throw
   * IllegalStateException; closing such an array does nothing more.
   */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        try {
          open.freeAll();
        } finally {
          backend.close();
        }
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Runs {@code call} in the buffers' own memory where the backend can (direct buffers on a device
   * that shares host memory, or on the CPU backend on Java 22 and later), else through Java arrays:
   * the CPU backend's chunks fit a core's cache.
   */
  private void run(BufferCall call) {
    Backend on = backendFor(call.precision());
    // A backend runs float and double buffers in their memory; 16-bit ones go through arrays.
    boolean done =
        call.x().remaining() > 0
            && !call.precision().sixteenBit()
            && whileOpen(
                () -> on.runInPlace(call.op(), call.x(), call.dy(), call.out(), call.alpha()));
    if (!done) {
      call.runOn(
          this::run,
          on.device().isEmpty() ? BufferCall.CPU_CHUNK : BufferCall.DEVICE_CHUNK,
          on.callThreads());
    }
  }

  private void run(Request request) {
    whileOpen(
        () -> {
          if (request.length() > 0) {
            backendFor(request.precision()).run(request);
          }
        });
  }

  /** Runs a PReLU request; with an empty {@code x}, on the CPU backend, touching no device. */
  private void run(PreluRequest request) {
    whileOpen(
        () -> {
          Backend on = request.shape().length() == 0 ? cpu : backendFor(request.precision());
          on.prelu(request);
        });
  }

  /** Runs {@code work} unless this Rectifier is closed; {@link #close()} waits for it to end. */
  <T> T whileOpen(Supplier<T> work) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("this Rectifier is closed (" + describe() + ")");
      }
      return work.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** As {@link #whileOpen(Supplier)}, for work without a result. */
  void whileOpen(Runnable work) {
    whileOpen(
        () -> {
          work.run();
          return null;
        });
  }
}
