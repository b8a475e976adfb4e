package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.TestPrecisions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernels are built with a width per kind of device; each width is checked here on the device
 * at hand, by building the program as if the device were of that kind and running the known-answer
 * check, whose lengths reach both the vector part and the one-by-one tail.
 */
class KernelWidthTest {

  @Test
  void aGpuOrAcceleratorMovesOneSixteenByteVectorPerArrayAndWorkItemACpuEightElements() {
    for (DeviceType type : new DeviceType[] {DeviceType.GPU, DeviceType.ACCELERATOR}) {
      assertEquals(4, ActivationProgram.width(Precision.FLOAT, type), type + " FLOAT");
      assertEquals(2, ActivationProgram.width(Precision.DOUBLE, type), type + " DOUBLE");
    }
    assertEquals(8, ActivationProgram.width(Precision.FLOAT, DeviceType.CPU));
    assertEquals(8, ActivationProgram.width(Precision.DOUBLE, DeviceType.CPU));
  }

  @ParameterizedTest
  @EnumSource(DeviceType.class)
  void theProgramBuiltForEachKindOfDeviceGivesTheKnownAnswers(DeviceType type) {
    DeviceInfo real = OpenClRequirement.devices().get(0);
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(real.index())));
    DeviceInfo asType = RetypedDevices.retyped(real, type);
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      if (p == Precision.DOUBLE && !real.fp64()) {
        continue;
      }
      ActivationProgram program =
          ActivationProgram.build(
              shared.context(),
              shared.device().id(),
              asType,
              p,
              KernelSource.activations(),
              Optional.empty());
      assertEquals(
          Optional.empty(),
          KnownAnswers.check(program, shared.context(), shared.device().id(), asType, p),
          p + " built for a " + type);
    }
  }
}
