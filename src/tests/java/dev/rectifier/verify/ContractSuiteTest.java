package dev.rectifier.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("contract")
class ContractSuiteTest {
  private static final List<Precision> BOTH = List.of(Precision.FLOAT, Precision.DOUBLE);

  @Test
  void theCpuBackendPassesEveryCase() {
    try (Rectifier cpu = Rectifier.cpu()) {
      List<ContractSuite.Case> cases = ContractSuite.run(Computation.of(cpu), BOTH, p -> false, 5);
      // Per precision: relu and relu-grad once, each Leaky ReLU op once per alpha; 4 inputs each.
      int perPrecision = (2 + 2 * SpecialValues.alphas().length) * 4;
      assertEquals(2 * perPrecision, cases.size());
      for (ContractSuite.Case c : cases) {
        assertTrue(c.comparison().passed(), c.name() + ": " + c.comparison().first());
      }
    }
  }

  @Test
  void theCpuBackendPassesEveryCaseInHalfAndBfloat16() {
    try (Rectifier cpu = Rectifier.cpu()) {
      List<Precision> sixteen = List.of(Precision.HALF, Precision.BFLOAT16);
      List<ContractSuite.Case> cases =
          new ArrayList<>(ContractSuite.run(Computation.of(cpu), sixteen, p -> false, 5));
      cases.addAll(PreluSuite.run(cpu, sixteen, p -> false, 5));
      assertEquals(2 * ((2 + 2 * SpecialValues.alphas().length) * 4 + 30), cases.size());
      for (ContractSuite.Case c : cases) {
        assertTrue(c.comparison().passed(), c.name() + ": " + c.comparison().first());
      }
    }
  }

  /**
   * HALF's subnormals are normal floats, so no device may flush them (the contract): a backend that
   * does fails the suite even where subnormals may be flushed.
   */
  @Test
  void aBackendThatFlushesHalfSubnormalsFailsEvenWhereFlushingIsAllowed() {
    try (Rectifier cpu = Rectifier.cpu()) {
      Computation good = Computation.of(cpu);
      Computation flushing =
          (op, x, dy, out, alpha) -> {
            good.compute(op, x, dy, out, alpha);
            for (int i = 0; i < Tensors.length(out); i++) {
              double v = Tensors.get(out, i);
              if (Math.abs(v) < 0x1p-14) {
                Tensors.set(out, i, Math.copySign(0.0, v));
              }
            }
          };
      List<ContractSuite.Case> cases =
          ContractSuite.run(flushing, List.of(Precision.HALF), p -> true, 1);
      assertTrue(cases.stream().anyMatch(k -> !k.comparison().passed()));
      assertTrue(cases.stream().anyMatch(k -> k.comparison().passed()));
    }
  }

  @Test
  void aBackendThatGetsZeroSignsWrongFailsWithTheFirstMismatchesShown() {
    try (Rectifier cpu = Rectifier.cpu()) {
      Computation good = Computation.of(cpu);
      Computation signless =
          (op, x, dy, out, alpha) -> {
            good.compute(op, x, dy, out, alpha);
            for (int i = 0; i < Tensors.length(out); i++) {
              if (Tensors.get(out, i) == 0) {
                Tensors.set(out, i, 0.0); // −0.0 becomes +0.0: a contract violation
              }
            }
          };
      List<ContractSuite.Case> cases =
          ContractSuite.run(signless, List.of(Precision.FLOAT), p -> false, 3);
      ContractSuite.Case leakySpecials =
          cases.stream()
              .filter(c -> c.name().equals(Op.LEAKY_RELU + " FLOAT alpha=0.01 specials"))
              .findFirst()
              .orElseThrow();
      Comparison c = leakySpecials.comparison();
      assertTrue(c.mismatches() > 0);
      assertEquals(Math.min(3, c.mismatches()), c.first().size());
      assertTrue(
          c.first().get(0).contains("expected -0.0 [0x80000000], got 0.0 [0x0]"), c.first().get(0));
      assertTrue(cases.stream().anyMatch(k -> k.comparison().passed()));
    }
  }

  @Test
  void aFlushingDeviceIsAcceptedOnlyWhereItMayFlush() {
    try (Rectifier cpu = Rectifier.cpu()) {
      Computation good = Computation.of(cpu);
      Computation flushing =
          (op, x, dy, out, alpha) -> {
            Object fx = Tensors.flushed(x);
            Object fdy = dy == null ? null : Tensors.flushed(dy);
            good.compute(op, fx, fdy, out, alpha);
            Object flushedOut = Tensors.flushed(out);
            System.arraycopy(flushedOut, 0, out, 0, Tensors.length(out));
          };
      List<Precision> f = List.of(Precision.FLOAT);
      assertTrue(
          ContractSuite.run(flushing, f, p -> true, 1).stream()
              .allMatch(k -> k.comparison().passed()));
      assertTrue(
          ContractSuite.run(flushing, f, p -> false, 1).stream()
              .anyMatch(k -> !k.comparison().passed()));
    }
  }
}
