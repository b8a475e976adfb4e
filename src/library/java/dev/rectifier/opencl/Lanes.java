package dev.rectifier.opencl;

import static org.jocl.CL.clReleaseCommandQueue;

import dev.rectifier.Precision;
import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;
import dev.rectifier.opencl.jocl.Jocl;
import dev.rectifier.opencl.transfer.ClBuffer;
import dev.rectifier.opencl.transfer.HostTransfer;
import dev.rectifier.opencl.transfer.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * Runs requests on Java arrays, the element-wise ops' and PReLU's, through the device in chunks of
 * at most {@link #CHUNK_BYTES} per array: each chunk is copied into a device buffer, transformed in
 * place there, and copied back out. Chunks run in parallel on the common fork-join pool, each on a
 * lane (a queue and two buffers) borrowed from a pool, so one chunk's copies overlap another's
 * kernel. The lanes are made on demand and released by {@link #close}, each with a queue reference
 * of its own (on a user's queue, every lane holds a reference to that one queue); the transfer and
 * programs belong to the caller. Thread-safe.
 */
final class Lanes implements AutoCloseable {
  /**
   * The most bytes of one array moved per chunk: large enough that the driver's per-command cost
   * vanishes, small enough to stay in the CPU's last-level cache on a host-unified device, where
   * the kernel then reads what the copy just wrote.
   */
  static final long CHUNK_BYTES = 4L << 20;

  /** A queue of its own and the device buffers chunks pass through on it. */
  private record Lane(cl_command_queue queue, ClBuffer x, ClBuffer dy) {}

  /**
   * A request with its arrays as host ranges ({@code dy} null unless it is a gradient), run chunk
   * by chunk.
   */
  private record Job(
      Request r,
      ActivationProgram program,
      HostRange x,
      HostRange dy,
      HostRange out,
      double alpha) {

    /** Whether {@code dy}'s range is {@code x}'s, so that one buffer holds both. */
    boolean dyIsX() {
      return dy != null && dy.sameArray(x) && r.dyOffset() == r.xOffset();
    }
  }

  private final Map<Precision, ActivationProgram> programs;
  private final HostTransfer staging;
  private final long chunkBytes;
  private final String device;
  private final Supplier<cl_command_queue> newQueue;
  private final Pool<Lane> lanes = new Pool<>(this::newLane, Lanes::release);

  /**
   * Lanes on {@code device} (its name, for errors), with buffers of {@link #CHUNK_BYTES} or {@code
   * maxBufferBytes}, whichever is smaller, made and filled by {@code staging}, and queue references
   * from {@code newQueue}, released by {@code clReleaseCommandQueue}.
   */
  Lanes(
      String device,
      Map<Precision, ActivationProgram> programs,
      HostTransfer staging,
      long maxBufferBytes,
      Supplier<cl_command_queue> newQueue) {
    this.programs = programs;
    this.staging = staging;
    this.chunkBytes = Math.min(CHUNK_BYTES, maxBufferBytes);
    this.device = device;
    this.newQueue = newQueue;
  }

  /** Runs a checked, non-empty request of a precision there are programs for. */
  void run(Request request) {
    if (request instanceof FloatRequest r) {
      run(request, HostRange.of(r.x()), HostRange.of(r.dy()), HostRange.of(r.out()), r.alpha());
    } else if (request instanceof ShortRequest r) {
      Precision p = r.precision();
      run(
          request,
          HostRange.of(p, r.x()),
          HostRange.of(p, r.dy()),
          HostRange.of(p, r.out()),
          r.alpha());
    } else {
      DoubleRequest r = (DoubleRequest) request;
      run(request, HostRange.of(r.x()), HostRange.of(r.dy()), HostRange.of(r.out()), r.alpha());
    }
  }

  /** Runs {@code r} on its arrays {@code x}, {@code dy} (or null) and {@code out}, in chunks. */
  private void run(Request r, HostRange x, HostRange dy, HostRange out, double alpha) {
    Job job = new Job(r, programs.get(r.precision()), x, dy, out, alpha);
    inParallel(
        r.op().toString(),
        eachAlone(chunks(r.precision(), 0, r.length(), new ArrayList<>())),
        (lane, c) -> runChunk(job, lane, c.start(), c.n()));
  }

  /**
   * PReLU's forward op on the request's Java arrays, in chunks in parallel as an element-wise op,
   * with {@code weight} the slopes in one device buffer, which no command is writing.
   */
  void prelu(PreluRequest r, cl_mem weight) {
    ActivationProgram program = programs.get(r.precision());
    inParallel(
        "PRELU",
        eachAlone(chunks(r.precision(), 0, r.shape().length(), new ArrayList<>())),
        (lane, c) -> {
          cl_command_queue q = lane.queue();
          cl_mem x = lane.x().mem();
          staging.write(q, r.x().slice(c.start(), c.n()), x, 0);
          program.enqueuePrelu(q, x, x, weight, c.n(), c.start(), r.shape(), null);
          staging.read(q, x, 0, r.out().slice(c.start(), c.n()));
        });
  }

  /**
   * The PReLU gradient's first pass over {@code part}'s columns on the request's Java arrays, into
   * {@code passes}' scratch, with dx: each column's chunks in order on one lane, and groups of
   * whole blocks of the weight gradient's rows in parallel, as no pair spans two blocks. {@code
   * weight} holds the slopes in one device buffer, which no command is writing.
   */
  void preluGrad(PreluRequest r, cl_mem weight, PreluPasses passes, PreluPasses.Part part) {
    ActivationProgram program = programs.get(r.precision());
    PreluShape shape = r.shape();
    inParallel(
        "PRELU_GRAD",
        blockGroups(r.precision(), shape, part),
        (lane, c) -> {
          cl_command_queue q = lane.queue();
          cl_mem x = lane.x().mem();
          cl_mem dy = lane.dy().mem();
          staging.write(q, r.x().slice(c.start(), c.n()), x, 0);
          staging.write(q, r.dy().slice(c.start(), c.n()), dy, 0);
          program.enqueuePreluGrad(
              q,
              x,
              dy,
              dy,
              weight,
              passes.sums(),
              passes.errors(),
              c.n(),
              c.start(),
              shape,
              part.firstColumn(),
              part.columns(),
              null);
          staging.read(q, dy, 0, r.out().slice(c.start(), c.n()));
        });
  }

  /** Elements {@code [start, start + n)} of a request's arrays, few enough for a lane's buffers. */
  private record Chunk(int start, int n) {}

  /** What to do with one chunk on a lane. */
  @FunctionalInterface
  private interface ChunkWork {
    void run(Lane lane, Chunk chunk);
  }

  /**
   * Runs each task's chunks in order on one lane, and the tasks in parallel on the common fork-join
   * pool; a driver error names {@code what}.
   */
  private void inParallel(String what, List<List<Chunk>> tasks, ChunkWork work) {
    IntConsumer task =
        t -> {
          Lane lane = lanes.borrow();
          try {
            for (Chunk c : tasks.get(t)) {
              work.run(lane, c);
            }
          } finally {
            lanes.giveBack(lane);
          }
        };
    Guard.guarded(
        what,
        device,
        () -> {
          if (tasks.size() == 1) {
            task.accept(0);
          } else {
            IntStream.range(0, tasks.size()).parallel().forEach(task);
          }
        });
  }

  /** Adds elements {@code [start, end)}, in chunks of a lane's buffers, to {@code into}. */
  private List<Chunk> chunks(Precision precision, long start, long end, List<Chunk> into) {
    int perChunk = (int) (chunkBytes / precision.bytes());
    for (long c = start; c < end; c += perChunk) {
      into.add(new Chunk((int) c, (int) Math.min(perChunk, end - c)));
    }
    return into;
  }

  /** Each chunk a task of its own. */
  private static List<List<Chunk>> eachAlone(List<Chunk> chunks) {
    return chunks.stream().map(List::of).toList();
  }

  /**
   * The tasks of the gradient's first pass over {@code part}'s columns: groups of whole blocks of
   * rows, about a chunk each (a single block may take many), and in each the part's elements row by
   * row in chunks (when the part is every column, its rows are one range).
   */
  private List<List<Chunk>> blockGroups(
      Precision precision, PreluShape shape, PreluPasses.Part part) {
    int width = shape.width();
    long length = shape.length();
    long blockElements = (long) PreluShape.BLOCK_ROWS * width;
    long perGroup = Math.max(1, chunkBytes / precision.bytes() / blockElements) * blockElements;
    boolean wholeRows = part.firstColumn() == 0 && part.columns() == width;
    List<List<Chunk>> tasks = new ArrayList<>();
    for (long group = 0; group < length; group += perGroup) {
      long end = Math.min(group + perGroup, length);
      List<Chunk> chunks = new ArrayList<>();
      if (wholeRows) {
        chunks(precision, group, end, chunks);
      } else {
        for (long row = group; row < end; row += width) {
          long first = row + part.firstColumn();
          chunks(precision, first, Math.min(first + part.columns(), end), chunks);
        }
      }
      tasks.add(chunks);
    }
    return tasks;
  }

  /** Runs elements {@code [start, start + n)} of the job's ranges, in place on the device. */
  private void runChunk(Job job, Lane lane, int start, int n) {
    Request r = job.r();
    cl_command_queue q = lane.queue();
    cl_mem x = lane.x().mem();
    staging.write(q, job.x().slice(r.xOffset() + start, n), x, 0);
    cl_mem dy = null;
    if (r.op().isGradient()) {
      dy = job.dyIsX() ? x : lane.dy().mem();
      if (!job.dyIsX()) {
        staging.write(q, job.dy().slice(r.dyOffset() + start, n), dy, 0);
      }
    }
    cl_mem out = dy != null ? dy : x;
    job.program().enqueue(q, r.op(), x, dy, out, n, job.alpha(), null);
    staging.read(q, out, 0, job.out().slice(r.outOffset() + start, n));
  }

  /** A new lane; what it made before a failure is released. */
  private Lane newLane() {
    cl_command_queue queue = newQueue.get();
    ClBuffer x = null;
    try {
      x = staging.allocate(chunkBytes);
      return new Lane(queue, x, staging.allocate(chunkBytes));
    } catch (RuntimeException e) {
      if (x != null) {
        x.close();
      }
      Jocl.call(() -> clReleaseCommandQueue(queue));
      throw e;
    }
  }

  private static void release(Lane lane) {
    lane.x().close();
    lane.dy().close();
    Jocl.call(() -> clReleaseCommandQueue(lane.queue()));
  }

  /** Releases every lane's buffers and queue. Call when no request is running. */
  @Override
  public void close() {
    lanes.close();
  }
}
