package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A direct buffer over a memory-mapped file truncated under its mapping, as x or as y: on every
 * backend a RectifierException naming the buffer, with the JVM's InternalError as its cause, and
 * the Rectifier goes on working; never a SIGBUS that aborts the JVM (a child JVM, exit 134). Tagged
 * contract, so that the Java 25 executions run it too, with children on Java 25 (and the Vector API
 * module where the parent has it: the CPU backend's loops on buffers' memory, on Java 25).
 */
@Tag("contract")
class MappedFileTest {

  @Test
  void onTheCpuBackend() throws Exception {
    check("cpu");
  }

  @Test
  void onOpenCl() throws Exception {
    OpenClRequirement.devices();
    check("opencl");
  }

  private static void check(String backend) throws Exception {
    List<String> options = new ArrayList<>(List.of("-Xmx256m"));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      options.add("--add-modules=jdk.incubator.vector"); // the loops this run tests, in the child
    }
    options.add("-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/hs_err_pid%p.log");
    ChildJvm child =
        ChildJvm.run(MappedFileProbe.class, Map.of(), Duration.ofSeconds(120), options, backend);
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    String java = System.getProperty("rectifier.test.java");
    if (java != null) {
      assertTrue(out.contains("java=" + java + "\n"), child.transcript());
    }
    // On the CPU backend, the buffers run on their own memory where this run has the Java 22 loops.
    boolean segments = Boolean.getBoolean("rectifier.test.segments");
    assertEquals(segments, out.contains("MemorySegment"), child.transcript());
    for (String name : new String[] {"x", "y"}) {
      assertTrue(
          out.contains(
              name
                  + "=dev.rectifier.RectifierException cause=java.lang.InternalError message="
                  + name
                  + " has memory that cannot be read"),
          child.transcript());
    }
    assertTrue(out.contains("after=[-1.0, 3.0]"), child.transcript());
  }
}
