package dev.rectifier.opencl;

import static org.jocl.CL.clReleaseCommandQueue;

import dev.rectifier.Precision;
import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;
import dev.rectifier.opencl.jocl.Jocl;
import dev.rectifier.opencl.transfer.ClBuffer;
import dev.rectifier.opencl.transfer.HostTransfer;
import dev.rectifier.opencl.transfer.Pool;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * Runs requests on Java arrays through the device in chunks of at most {@link #CHUNK_BYTES} per
 * array: each chunk is copied into a device buffer, transformed in place there, and copied back
 * out. Chunks run in parallel on the common fork-join pool, each on a lane (a queue and two
 * buffers) borrowed from a pool, so one chunk's copies overlap another's kernel. The lanes are made
 * on demand and released by {@link #close}, each with a queue reference of its own (on a user's
 * queue, every lane holds a reference to that one queue); the transfer and programs belong to the
 * caller. Thread-safe.
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
    int perChunk = (int) (chunkBytes / r.precision().bytes());
    int chunks = (int) (((long) r.length() + perChunk - 1) / perChunk);
    IntConsumer chunk =
        c -> {
          int start = c * perChunk;
          Lane lane = lanes.borrow();
          try {
            runChunk(job, lane, start, Math.min(perChunk, r.length() - start));
          } finally {
            lanes.giveBack(lane);
          }
        };
    Guard.guarded(
        r.op().toString(),
        device,
        () -> {
          if (chunks == 1) {
            chunk.accept(0);
          } else {
            IntStream.range(0, chunks).parallel().forEach(chunk);
          }
        });
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
