/**
 * rectifier: ReLU, Leaky ReLU and their gradients on large arrays, as OpenCL kernels or on the Java
 * CPU backend, with the same bits either way. Start at {@link dev.rectifier.Rectifier}.
 *
 * <p>Only {@code dev.rectifier} is exported. JOCL (the OpenCL binding) is required transitively,
 * since the API hands out its types ({@code cl_mem}, {@code cl_command_queue}); JOCL 2.0.6 has no
 * module name of its own, so on the module path it is the automatic module {@code jocl}, named
 * after its jar file {@code jocl-2.0.6.jar}.
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.rectifier {
  requires transitive jocl;

  exports dev.rectifier;
}
