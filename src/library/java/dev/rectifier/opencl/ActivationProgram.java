package dev.rectifier.opencl;

import static org.jocl.CL.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_PROGRAM_BINARIES;
import static org.jocl.CL.CL_PROGRAM_BINARY_SIZES;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateProgramWithBinary;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetProgramInfo;
import static org.jocl.CL.clReleaseProgram;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.cache.ProgramBinaryCache;
import dev.rectifier.opencl.jocl.Jocl;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The activation kernels of one precision, built once for one device (from the {@linkplain
 * ProgramBinaryCache binary cache} when it has them), with the {@linkplain KernelObjects kernel
 * objects} of each kernel: {@code clSetKernelArg} on one kernel is not thread-safe, so each caller
 * borrows an object of its own for the time it sets arguments and enqueues, and sets only the
 * arguments that differ from those it holds. Programs live as long as their {@link DeviceContext}.
 *
 * <p>No program is used before it has passed the {@linkplain KnownAnswers known-answer check}: a
 * cached binary that fails it is evicted and the source compiled again, and a compiled program that
 * fails it refuses the device (see {@link #build}).
 */
final class ActivationProgram {
  /** Elements per work-item (the kernels' {@code WIDTH}) on a CPU device: the best on PoCL. */
  private static final int CPU_DEVICE_WIDTH = 8;

  /**
   * Elements per work-item on a CPU device for HALF and BFLOAT16: as many bytes as {@link
   * #CPU_DEVICE_WIDTH} floats. PoCL 3.1's 8-wide half loads and stores ran several times slower
   * than its 16-wide ones (the commit that chose this says how it was measured).
   */
  private static final int CPU_DEVICE_WIDTH_16 = 16;

  /**
   * Bytes per array and work-item on a GPU or accelerator: one 16-byte vector, the one width that
   * ran at the speed of {@code clEnqueueCopyBuffer} on an NVIDIA H200, where wider vectors fell
   * well below it (docs/performance.md, "The kernels' width").
   */
  private static final int GPU_VECTOR_BYTES = 16;

  /**
   * Columns of a work-item of the PReLU gradient's first pass on a CPU device (the kernels' {@code
   * GRAD_TILE}), taken row by row with their pairs in private memory, as the CPU backend's tiles
   * are; on a GPU or accelerator a work-item takes one column.
   */
  private static final int CPU_DEVICE_GRAD_TILE = 1024;

  /**
   * Elements of a work-item of the PReLU forward op on a CPU device (the kernels' {@code
   * PRELU_RUN}), a multiple of every width: consecutive vectors, the channel found once a run and
   * stepped along; on a GPU or accelerator a work-item takes one vector.
   */
  private static final int CPU_DEVICE_PRELU_RUN = 4096;

  /** The work-group size asked for, when the device allows it. */
  private static final int PREFERRED_GROUP = 256;

  private static final Logger LOG = System.getLogger("dev.rectifier");

  private final Precision precision;
  private final int width;
  private final int gradTile;
  private final int preluRun;
  private final cl_program program;

  /**
   * The PReLU kernels, by name: the forward op, the gradient's first and second pass, and the
   * second pass by strips.
   */
  static final String PRELU = "prelu";

  static final String PRELU_GRAD = "prelu_grad";
  static final String PRELU_WEIGHT_GRAD = "prelu_weight_grad";
  static final String PRELU_RUNS = "prelu_runs";

  /**
   * The conversions of a 16-bit program: floats rounded to its storage format, and its storage
   * format widened to floats.
   */
  static final String ROUND = "from_float";

  static final String WIDEN = "to_float";

  private final Map<String, KernelObjects> kernels = new HashMap<>();
  private final Map<String, Long> groupSize = new HashMap<>();

  private ActivationProgram(
      Precision precision, DeviceType type, cl_program program, cl_device_id device) {
    this.precision = precision;
    this.width = width(precision, type);
    this.gradTile = gradTile(type);
    this.preluRun = preluRun(precision, type);
    this.program = program;
    List<String> names = new ArrayList<>();
    for (Op op : Op.values()) {
      names.add(Names.kernel(op));
    }
    names.addAll(List.of(PRELU, PRELU_GRAD, PRELU_WEIGHT_GRAD, PRELU_RUNS));
    if (precision.sixteenBit()) {
      names.addAll(List.of(ROUND, WIDEN));
    }
    for (String name : names) {
      KernelObjects objects = new KernelObjects(program, name);
      kernels.put(name, objects);
      try {
        KernelObjects.Bound kernel = objects.borrow(new Object[0]);
        groupSize.put(name, groupSize(kernel.kernel(), device));
        objects.giveBack(kernel);
      } catch (RuntimeException e) {
        kernels.values().forEach(KernelObjects::close); // those made so far; the caller the program
        throw e;
      }
    }
    if (gradTile > 1) {
      // A work-item takes a whole tile: groups of one spread the tiles over the device's threads.
      groupSize.put(PRELU_GRAD, 1L);
    }
    if (preluRun > width) {
      groupSize.put(PRELU, 1L); // likewise for runs
    }
  }

  /**
   * The build options for a precision on a kind of device: its arithmetic ({@code REAL}) and, for
   * HALF and BFLOAT16, its 16-bit storage. Never any fast-math option: the contract forbids them.
   */
  static String buildOptions(Precision precision, DeviceType type) {
    String real =
        switch (precision) {
          case FLOAT -> "-DREAL=float";
          case DOUBLE -> "-DREAL=double -DREAL_IS_DOUBLE";
          case HALF -> "-DREAL=float -DSTORAGE_HALF";
          case BFLOAT16 -> "-DREAL=float -DSTORAGE_BFLOAT16";
        };
    return real
        + " -DWIDTH="
        + width(precision, type)
        + " -DGRAD_TILE="
        + gradTile(type)
        + " -DPRELU_RUN="
        + preluRun(precision, type);
  }

  /**
   * The precision of a program's arithmetic, of alpha, the PReLU weights, their gradient and its
   * sums: FLOAT for the 16-bit precisions, which are only stored in 16 bits.
   */
  static Precision arithmetic(Precision precision) {
    return precision.sixteenBit() ? Precision.FLOAT : precision;
  }

  /**
   * Elements per work-item: 8 on a CPU device (16 of HALF and BFLOAT16), one 16-byte vector of the
   * stored elements on a GPU or accelerator.
   */
  static int width(Precision precision, DeviceType type) {
    if (type == DeviceType.CPU) {
      return precision.sixteenBit() ? CPU_DEVICE_WIDTH_16 : CPU_DEVICE_WIDTH;
    }
    return GPU_VECTOR_BYTES / precision.bytes();
  }

  /** Columns of a work-item of the PReLU gradient's first pass: a tile on a CPU device, else 1. */
  static int gradTile(DeviceType type) {
    return type == DeviceType.CPU ? CPU_DEVICE_GRAD_TILE : 1;
  }

  /** Elements of a work-item of the PReLU forward op: a run on a CPU device, else one vector. */
  static int preluRun(Precision precision, DeviceType type) {
    return type == DeviceType.CPU ? CPU_DEVICE_PRELU_RUN : width(precision, type);
  }

  /**
   * Builds {@code source} for {@code device}, or loads the binary {@code cache} holds for it, and
   * checks the program on {@linkplain KnownAnswers known answers} before anyone uses it. A cached
   * binary that the driver rejects or that computes wrong is evicted and the source compiled
   * instead; a program compiled from source is cached only once it has passed the check.
   *
   * @throws RectifierException with the device's build log if the build fails, or with what was
   *     wrong (op, precision, input, expected and actual bits) if the compiled program computes
   *     wrong: the device is not to be used with this source
   */
  static ActivationProgram build(
      cl_context context,
      cl_device_id id,
      DeviceInfo device,
      Precision precision,
      String source,
      Optional<ProgramBinaryCache> cache) {
    String options = buildOptions(precision, device.type());
    String key = ProgramBinaryCache.key(source, options, device);
    Optional<byte[]> binary = cache.flatMap(c -> c.load(key));
    if (binary.isPresent()) {
      Optional<ActivationProgram> cached = fromCache(context, id, device, precision, binary.get());
      if (cached.isPresent()) {
        return cached.get();
      }
      cache.get().evict(key);
    }
    cl_program program = fromSource(context, id, device, precision, source, options);
    ActivationProgram built = withKernels(precision, device.type(), program, id);
    Optional<String> wrong = KnownAnswers.check(built, context, id, device, precision);
    if (wrong.isPresent()) {
      built.release();
      throw new RectifierException(
          "the kernels of "
              + KernelSource.origin()
              + " compute "
              + wrong.get()
              + (precision.sixteenBit() ? "" : "; the device is not used"));
    }
    if (cache.isPresent()) {
      try {
        cache.get().store(key, binaryOf(program));
      } catch (Jocl.Failure e) {
        LOG.log(Level.INFO, "rectifier: cannot read the program binary to cache it: {0}", e);
      }
    }
    return built;
  }

  /**
   * The program of a cached {@code binary}, if the driver takes it and it passes the known-answer
   * check; else empty, with the reason logged.
   */
  private static Optional<ActivationProgram> fromCache(
      cl_context context, cl_device_id id, DeviceInfo device, Precision precision, byte[] binary) {
    ActivationProgram cached;
    try {
      cl_program program = fromBinary(context, id, binary, buildOptions(precision, device.type()));
      cached = withKernels(precision, device.type(), program, id);
    } catch (Jocl.Failure e) {
      LOG.log(Level.INFO, "rectifier: cached program rejected ({0}); compiling", e.getMessage());
      return Optional.empty();
    }
    Optional<String> wrong = KnownAnswers.check(cached, context, id, device, precision);
    if (wrong.isPresent()) {
      cached.release();
      LOG.log(
          Level.WARNING,
          "rectifier: a cached program computes {0}; evicted, compiling it again",
          wrong.get());
      return Optional.empty();
    }
    return Optional.of(cached);
  }

  /** The kernels of a built {@code program}, which is released if they cannot be made. */
  private static ActivationProgram withKernels(
      Precision precision, DeviceType type, cl_program program, cl_device_id id) {
    try {
      return new ActivationProgram(precision, type, program, id);
    } catch (RuntimeException e) {
      Jocl.call(() -> clReleaseProgram(program));
      throw e;
    }
  }

  private static cl_program fromBinary(
      cl_context context, cl_device_id id, byte[] binary, String options) {
    cl_program program =
        Jocl.make(
            s ->
                clCreateProgramWithBinary(
                    context,
                    1,
                    new cl_device_id[] {id},
                    new long[] {binary.length},
                    new byte[][] {binary},
                    null,
                    s));
    try {
      Jocl.call(() -> clBuildProgram(program, 1, new cl_device_id[] {id}, options, null, null));
      return program;
    } catch (Jocl.Failure e) {
      Jocl.call(() -> clReleaseProgram(program));
      throw e;
    }
  }

  private static cl_program fromSource(
      cl_context context,
      cl_device_id id,
      DeviceInfo device,
      Precision precision,
      String source,
      String options) {
    cl_program program =
        Jocl.make(s -> clCreateProgramWithSource(context, 1, new String[] {source}, null, s));
    try {
      Jocl.call(() -> clBuildProgram(program, 1, new cl_device_id[] {id}, options, null, null));
      return program;
    } catch (Jocl.Failure e) {
      String log = InfoQuery.buildLog(program, id);
      Jocl.call(() -> clReleaseProgram(program));
      throw new RectifierException(
          "building "
              + KernelSource.origin()
              + " for "
              + Names.cType(precision)
              + " on "
              + device.name()
              + " failed ("
              + e.getMessage()
              + "); build log:\n"
              + log,
          e);
    }
  }

  /** The binary the driver made of {@code program}, as the cache stores it. */
  static byte[] binaryOf(cl_program program) {
    long[] size = new long[1];
    Jocl.call(
        () ->
            clGetProgramInfo(
                program, CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null));
    byte[] binary = new byte[(int) size[0]];
    Pointer target = Pointer.to(binary);
    Jocl.call(
        () ->
            clGetProgramInfo(
                program, CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(target), null));
    return binary;
  }

  /** Releases the kernels and the program, once nobody uses them. */
  void release() {
    kernels.values().forEach(KernelObjects::close);
    Jocl.call(() -> clReleaseProgram(program));
  }

  /** A multiple of the kernel's preferred multiple, at most {@link #PREFERRED_GROUP}. */
  private static long groupSize(cl_kernel kernel, cl_device_id device) {
    long[] max = new long[1];
    long[] multiple = new long[1];
    Jocl.call(
        () ->
            clGetKernelWorkGroupInfo(
                kernel, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null));
    Jocl.call(
        () ->
            clGetKernelWorkGroupInfo(
                kernel,
                device,
                CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE,
                Sizeof.size_t,
                Pointer.to(multiple),
                null));
    long limit = Math.min(PREFERRED_GROUP, max[0]);
    long step = Math.max(1, multiple[0]);
    return limit >= step ? limit / step * step : Math.max(1, limit);
  }

  /**
   * Enqueues {@code op} on elements {@code [0, n)}: reads {@code x} (and {@code dy} for gradients),
   * writes {@code out}. The buffers may be the same object for in-place work. {@code event}, if not
   * null, receives the kernel's event.
   */
  void enqueue(
      cl_command_queue queue,
      Op op,
      cl_mem x,
      cl_mem dy,
      cl_mem out,
      int n,
      double alpha,
      cl_event event) {
    Object[] args = new Object[3 + (op.isGradient() ? 1 : 0) + (op.takesAlpha() ? 1 : 0)];
    int i = 0;
    args[i++] = x;
    if (op.isGradient()) {
      args[i++] = dy;
    }
    args[i++] = out;
    args[i++] = n;
    if (op.takesAlpha()) {
      args[i] = precision == Precision.DOUBLE ? (Object) alpha : (Object) (float) alpha;
    }
    launch(queue, Names.kernel(op), ((long) n + width - 1) / width, event, args);
  }

  /**
   * Enqueues the conversion of elements {@code [0, n)} of a 16-bit program's precision: {@code
   * floats} rounded into {@code bits} if {@code round}, else {@code bits} widened into {@code
   * floats}, as the contract says, bit for bit.
   */
  void enqueueConvert(
      cl_command_queue queue, boolean round, cl_mem floats, cl_mem bits, int n, cl_event event) {
    long items = ((long) n + width - 1) / width;
    if (round) {
      launch(queue, ROUND, items, event, floats, bits, n);
    } else {
      launch(queue, WIDEN, items, event, bits, floats, n);
    }
  }

  /**
   * Enqueues PReLU on a buffer {@code x} holding elements {@code [base, base + n)} of an array of
   * {@code shape}, into {@code y} (which may be {@code x}), with the weights in {@code w}.
   */
  void enqueuePrelu(
      cl_command_queue queue,
      cl_mem x,
      cl_mem y,
      cl_mem w,
      int n,
      int base,
      PreluShape shape,
      cl_event event) {
    long items = ((long) n + preluRun - 1) / preluRun;
    launch(queue, PRELU, items, event, x, y, w, n, base, shape.inner(), shape.channels());
  }

  /**
   * Enqueues the first pass of the PReLU gradient on buffers holding elements {@code [base, base +
   * n)} of arrays of {@code shape}: {@code dx} (which may be {@code x} or {@code dy}), and the
   * pairs of the blocks those elements touch, in {@code sums} and {@code errors}, for the columns
   * {@code [firstColumn, firstColumn + columns)} ({@code columns} pairs a block). The segments of
   * an array must be enqueued in order.
   */
  void enqueuePreluGrad(
      cl_command_queue queue,
      cl_mem x,
      cl_mem dy,
      cl_mem dx,
      cl_mem w,
      cl_mem sums,
      cl_mem errors,
      int n,
      int base,
      PreluShape shape,
      int firstColumn,
      int columns,
      cl_event event) {
    int width = shape.width();
    int first = base / width / PreluShape.BLOCK_ROWS;
    int last = (int) (((long) base + n - 1) / width / PreluShape.BLOCK_ROWS);
    int tiles = (columns + gradTile - 1) / gradTile;
    int items = Math.toIntExact((long) (last - first + 1) * tiles);
    launch(
        queue,
        PRELU_GRAD,
        items,
        event,
        x,
        dy,
        dx,
        w,
        sums,
        errors,
        n,
        base,
        shape.length(),
        shape.inner(),
        shape.channels(),
        width,
        first,
        items,
        firstColumn,
        columns);
  }

  /**
   * Enqueues {@code groups} runs of the second pass by strips ({@code prelu_runs} in the kernels):
   * each combines its pairs of {@code sums} and {@code errors} in place, into node {@code target +
   * g} of {@code nodeSums} and {@code nodeErrors}, or, if {@code toWeight}, into {@code
   * dweight[target + g]}.
   */
  void enqueueRuns(
      cl_command_queue queue,
      cl_mem sums,
      cl_mem errors,
      int span,
      int chunk,
      int runs,
      int groups,
      cl_mem nodeSums,
      cl_mem nodeErrors,
      cl_mem dweight,
      int target,
      boolean toWeight,
      cl_event event) {
    launch(
        queue,
        PRELU_RUNS,
        (long) groups * groupSize.get(PRELU_RUNS),
        event,
        sums,
        errors,
        span,
        chunk,
        runs,
        nodeSums,
        nodeErrors,
        dweight,
        target,
        toWeight ? 1 : 0);
  }

  /**
   * Enqueues the second pass of the PReLU gradient: from the first pass's pairs (which it
   * overwrites), the weight gradient into {@code dweight}, a work-group per channel.
   */
  void enqueueWeightGrad(
      cl_command_queue queue,
      cl_mem sums,
      cl_mem errors,
      cl_mem dweight,
      PreluShape shape,
      cl_event event) {
    int channels = shape.channels();
    launch(
        queue,
        PRELU_WEIGHT_GRAD,
        (long) channels * groupSize.get(PRELU_WEIGHT_GRAD),
        event,
        sums,
        errors,
        dweight,
        shape.blocks(),
        shape.width(),
        shape.inner(),
        channels);
  }

  /**
   * Enqueues kernel {@code name} with {@code args} (each a {@code cl_mem}, an {@code Integer} as
   * {@code uint}, or a {@code Float} or {@code Double}) on at least {@code items} work-items, in
   * work-groups of the kernel's size. {@code event}, if not null, receives the kernel's event.
   */
  private void launch(
      cl_command_queue queue, String name, long items, cl_event event, Object... args) {
    KernelObjects objects = kernels.get(name);
    KernelObjects.Bound kernel = objects.borrow(args);
    try {
      kernel.set(args);
      long local = groupSize.get(name);
      long global = (items + local - 1) / local * local;
      // Arguments are captured at enqueue time, so the kernel may go back to the pool right after.
      Jocl.call(
          () ->
              clEnqueueNDRangeKernel(
                  queue,
                  kernel.kernel(),
                  1,
                  null,
                  new long[] {global},
                  new long[] {local},
                  0,
                  null,
                  event));
    } finally {
      objects.giveBack(kernel);
    }
  }
}
