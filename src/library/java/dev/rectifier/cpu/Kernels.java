package dev.rectifier.cpu;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The loops {@link CpuBackend} runs, for every precision, and what they are, for {@link
 * CpuBackend#describe}.
 *
 * <p>Chosen once per JVM, as Lucene's {@code VectorizationProvider} finds its vector code: when the
 * module {@code jdk.incubator.vector} is in the boot layer (the JVM was started with {@code
 * --add-modules jdk.incubator.vector}) and the JVM has C2, {@link FloatVectorLoops}, {@link
 * DoubleVectorLoops} and {@code ShortVectorLoops} are loaded reflectively, so that nothing else
 * refers to the incubator module and the library never needs it; otherwise, or when they cannot be
 * loaded or refuse this machine's vectors, {@link FloatLoops}, {@link DoubleLoops} and {@link
 * ShortLoops}. The vector loops are loaded and compiled on a daemon thread ({@link VectorWarmup})
 * while callers run the plain loops, and run from then on: float's and double's first, then the
 * 16-bit ones, so that the first do not wait for the others. Which loops is logged once, at INFO
 * (at WARNING when the module is there but its loops could not be used), and the switch to the
 * vector loops at DEBUG.
 *
 * <p>On Java 22 and later the vector loops come with {@link BufferKernels} ({@code
 * FloatSegmentLoops} and {@code DoubleSegmentLoops}, from the jar's {@code META-INF/versions/22}),
 * which run on the memory of direct buffers; {@link #floatBuffers} and {@link #doubleBuffers} are
 * null where there are none: on Java 17, with the plain loops, or from a jar built without a JDK
 * 22.
 */
record Kernels(
    FloatKernels floats,
    DoubleKernels doubles,
    ShortKernels shorts,
    BufferKernels floatBuffers,
    BufferKernels doubleBuffers,
    String description) {
  /** The module of the Vector API. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The plain loops, which need nothing but Java. */
  static final Kernels LOOPS = plain("plain loops");

  /** The plain loops while {@link VectorWarmup} compiles the vector loops. */
  static final Kernels COMPILING = plain("plain loops until C2 has compiled the Vector API loops");

  /** The first Java whose Vector API runs on a segment of any memory ({@link BufferKernels}). */
  static final int SEGMENT_JAVA = 22;

  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** The kernels this JVM runs now; from a request's start to its end, use the same ones. */
  static Kernels found() {
    return Found.kernels;
  }

  /**
   * Waits until the loops this JVM runs are the ones it chose (the vector loops compiled, or the
   * plain loops), at most {@code millis}; whether they are.
   */
  static boolean awaitChosen(long millis) throws InterruptedException {
    Thread compiling = Found.compiling;
    if (compiling == null) {
      return true;
    }
    compiling.join(millis);
    // Not before the thread has ended: until then it may run the vector loops for some
    // precisions only.
    return !compiling.isAlive();
  }

  /** Holds the kernels found, so that they are found (and logged) once, on first use. */
  private static final class Found {
    static volatile Kernels kernels = LOOPS;
    static final Thread compiling = find();
  }

  /** Chooses the loops; returns the thread that compiles the vector loops, or null if none. */
  private static Thread find() {
    Optional<Module> vectorModule = ModuleLayer.boot().findModule(VECTOR_MODULE);
    if (vectorModule.isEmpty()) {
      LOG.log(
          Level.INFO,
          "rectifier: the CPU backend runs plain Java loops; start the JVM with --add-modules {0}"
              + " for its Vector API loops",
          VECTOR_MODULE);
      return null;
    }
    Found.kernels = COMPILING;
    LOG.log(Level.INFO, "rectifier: the CPU backend runs {0}", COMPILING.description);
    Thread compiling = new Thread(() -> compile(vectorModule.get()), "rectifier-vector-loops");
    compiling.setDaemon(true);
    compiling.start();
    return compiling;
  }

  /**
   * Where the JVM has C2, loads the vector loops, has {@link VectorWarmup} compile them, then runs
   * them. On this thread because each step takes time: reading the VM's options, loading the Vector
   * API, and compiling.
   */
  private static void compile(Module vectorModule) {
    try {
      Optional<String> withoutC2 = VectorWarmup.withoutC2();
      if (withoutC2.isPresent()) {
        // Without C2 the Vector API's calls are never intrinsified: each vector would be an object.
        Found.kernels = plain("plain loops (no C2: " + withoutC2.get() + ")");
        LOG.log(
            Level.INFO,
            "rectifier: the CPU backend runs plain Java loops: this JVM has no C2 ({0}), which"
                + " its Vector API loops need",
            withoutC2.get());
        return;
      }
      // On the module path dev.rectifier does not read the incubator module (module-info.java
      // says why); a module may add that edge for itself. In the unnamed module this does nothing.
      Kernels.class.getModule().addReads(vectorModule);
      FloatKernels floats = (FloatKernels) create("FloatVectorLoops");
      DoubleKernels doubles = (DoubleKernels) create("DoubleVectorLoops");
      ShortKernels shorts = (ShortKernels) create("ShortVectorLoops");
      Kernels vector =
          segmentLoops()
              .map(
                  buffers ->
                      new Kernels(
                          floats,
                          doubles,
                          shorts,
                          buffers[0],
                          buffers[1],
                          floats + ", on buffers' memory (MemorySegment)"))
              .orElseGet(() -> new Kernels(floats, doubles, shorts, null, null, floats.toString()));
      // Float and double first, as before the 16-bit loops came: they must not wait for those.
      Kernels wide =
          new Kernels(
              floats,
              doubles,
              ShortLoops.INSTANCE,
              vector.floatBuffers,
              vector.doubleBuffers,
              vector.description + " (16-bit: plain loops until C2 has compiled theirs)");
      if (VectorWarmup.compile(wide)) {
        Found.kernels = wide;
        LOG.log(Level.DEBUG, "rectifier: the CPU backend runs {0}", wide.description);
        if (VectorWarmup.compile(vector)) {
          Found.kernels = vector;
          LOG.log(Level.DEBUG, "rectifier: the CPU backend runs {0}", vector.description);
        } else {
          LOG.log(
              Level.WARNING,
              "rectifier: the CPU backend runs plain Java loops for 16-bit elements: C2 did not"
                  + " compile their Vector API loops");
        }
      } else {
        Found.kernels = LOOPS;
        LOG.log(
            Level.WARNING,
            "rectifier: the CPU backend runs plain Java loops: C2 did not compile its {0}",
            vector.description);
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable why = e instanceof InvocationTargetException i ? i.getCause() : e;
      Found.kernels = LOOPS;
      LOG.log(
          Level.WARNING,
          "rectifier: the CPU backend runs plain Java loops, not the Vector API: {0}",
          String.valueOf(why));
    }
  }

  private static Kernels plain(String description) {
    return new Kernels(
        FloatLoops.INSTANCE, DoubleLoops.INSTANCE, ShortLoops.INSTANCE, null, null, description);
  }

  /**
   * The float and double {@link BufferKernels} on Java 22 and later, where the jar has them; empty
   * on an older Java (whose JVM does not look into {@code META-INF/versions/22}) or where the build
   * had no JDK 22 to compile them, and then direct buffers are staged through arrays.
   */
  private static Optional<BufferKernels[]> segmentLoops() throws ReflectiveOperationException {
    if (Runtime.version().feature() < SEGMENT_JAVA) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BufferKernels[] {
            (BufferKernels) create("FloatSegmentLoops"),
            (BufferKernels) create("DoubleSegmentLoops")
          });
    } catch (ClassNotFoundException e) {
      LOG.log(
          Level.INFO,
          "rectifier: the CPU backend stages direct buffers through arrays: this jar was built"
              + " without the Java {0} loops on their memory ({1})",
          SEGMENT_JAVA,
          e.getMessage());
      return Optional.empty();
    }
  }

  private static Object create(String simpleName) throws ReflectiveOperationException {
    String name = Kernels.class.getPackageName() + "." + simpleName;
    return Class.forName(name).getDeclaredConstructor().newInstance();
  }
}
