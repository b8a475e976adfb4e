/**
 * rectifier: ReLU, Leaky ReLU, PReLU and their gradients on large arrays, as OpenCL kernels or on
 * the Java CPU backend, with the same bits either way. Start at {@link dev.rectifier.Rectifier}.
 *
 * <p>Only {@code dev.rectifier} is exported. JOCL, the OpenCL binding, is required transitively:
 * code that joins rectifier to its own OpenCL work uses JOCL's types beside it. JOCL 2.0.6 has no
 * module name of its own, so on the module path it is the automatic module {@code jocl}, named
 * after its jar file {@code jocl-2.0.6.jar}.
 *
 * <p>The CPU backend's Vector API loops need {@code jdk.incubator.vector}, which is not required
 * here, not even statically (that would make every javadoc and javac run warn of an incubating
 * module): the build compiles them with that module added, and at run time the backend adds the
 * read edge itself when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
// javac warns of a transitive requirement on an automatic module: jocl is one, and the only name
// JOCL 2.0.6 can have on the module path.
@SuppressWarnings("requires-transitive-automatic")
module dev.rectifier {
  requires transitive jocl;
  // The CPU backend runs its Vector API loops only where C2 compiles them: HotSpotDiagnosticMXBean
  // tells it whether the JVM has C2, and com.sun.management.ThreadMXBean's allocation count whether
  // C2 has compiled them yet (VectorWarmup).
  requires jdk.management;

  exports dev.rectifier;
}
