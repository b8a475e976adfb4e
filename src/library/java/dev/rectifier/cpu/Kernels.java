package dev.rectifier.cpu;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The loops {@link CpuBackend} runs, for both precisions, and what they are, for {@link
 * CpuBackend#describe}.
 *
 * <p>Found once per JVM, as Lucene's {@code VectorizationProvider} finds its vector code: when the
 * module {@code jdk.incubator.vector} is in the boot layer (the JVM was started with {@code
 * --add-modules jdk.incubator.vector}), {@link FloatVectorLoops} and {@link DoubleVectorLoops} are
 * loaded reflectively, so that nothing else refers to the incubator module and the library never
 * needs it; otherwise, or when they cannot be loaded or refuse this machine's vectors, {@link
 * FloatLoops} and {@link DoubleLoops}. Which one is logged once, at INFO (at WARNING when the
 * module is there but its loops could not be used).
 */
record Kernels(FloatKernels floats, DoubleKernels doubles, String description) {
  /** The module of the Vector API. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The plain loops, which need nothing but Java. */
  static final Kernels LOOPS =
      new Kernels(FloatLoops.INSTANCE, DoubleLoops.INSTANCE, "plain loops");

  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** The kernels this JVM runs. */
  static Kernels found() {
    return Found.KERNELS;
  }

  /** Holds the kernels found, so that they are found (and logged) once, on first use. */
  private static final class Found {
    static final Kernels KERNELS = find();
  }

  private static Kernels find() {
    Optional<Module> vectorModule = ModuleLayer.boot().findModule(VECTOR_MODULE);
    if (vectorModule.isEmpty()) {
      LOG.log(
          Level.INFO,
          "rectifier: the CPU backend runs plain Java loops; start the JVM with --add-modules {0}"
              + " for its Vector API loops",
          VECTOR_MODULE);
      return LOOPS;
    }
    try {
      // On the module path dev.rectifier does not read the incubator module (module-info.java
      // says why); a module may add that edge for itself. In the unnamed module this does nothing.
      Kernels.class.getModule().addReads(vectorModule.get());
      FloatKernels floats = (FloatKernels) create("FloatVectorLoops");
      Kernels vector =
          new Kernels(floats, (DoubleKernels) create("DoubleVectorLoops"), floats.toString());
      LOG.log(Level.INFO, "rectifier: the CPU backend runs {0}", vector.description);
      return vector;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable why = e instanceof InvocationTargetException i ? i.getCause() : e;
      LOG.log(
          Level.WARNING,
          "rectifier: the CPU backend runs plain Java loops, not the Vector API: {0}",
          String.valueOf(why));
      return LOOPS;
    }
  }

  private static Object create(String simpleName) throws ReflectiveOperationException {
    String name = Kernels.class.getPackageName() + "." + simpleName;
    return Class.forName(name).getDeclaredConstructor().newInstance();
  }
}
