package dev.rectifier.cli;

import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.Computation;
import dev.rectifier.verify.ContractSuite;
import dev.rectifier.verify.PreluSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rectifier verify}: the contract suite on one backend; exits with 1 on any failure. */
@Command(
    name = "verify",
    sortOptions = false,
    defaultValueProvider = VerifyCommand.Defaults.class,
    description = {
      "Runs the contract suite on one backend: every op, the special values (every pair for the"
          + " gradients) and seeded random tensors, alphas 0, -0.0, 0.01, 0.2, 1, 5 and -0.5,"
          + " compared bit for bit with the contract's reference; then prelu and prelu-grad,"
          + " special weights and random shapes, their weight gradient bit for bit in the"
          + " contract's order. Half and bfloat16 are checked against the float op on their"
          + " widened inputs, rounded once to 16 bits, and a NaN result as a NaN. Exits with 1 if"
          + " any case fails.",
      "A device without denormal support may flush subnormals to zero; that alone is accepted."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--backend",
      paramLabel = "BACKEND",
      converter = BackendSpec.Converter.class,
      defaultValue = "auto",
      description = BackendSpec.NAMES + " (default: ${DEFAULT-VALUE}).")
  BackendSpec backend;

  @Mixin PrecisionOption precisionOption;

  @Option(
      names = "--show",
      paramLabel = "N",
      defaultValue = "5",
      description = "Mismatches shown per failed case (default: ${DEFAULT-VALUE}).")
  int show;

  @Override
  public Integer call() {
    Usage.require(show >= 0, spec, "--show", "must be 0 or more but was " + show);
    try (Rectifier r = open()) {
      List<ContractSuite.Case> cases =
          new ArrayList<>(
              ContractSuite.run(
                  Computation.of(r),
                  precisionOption.values(),
                  p -> BackendSpec.mayFlush(r, p),
                  show));
      cases.addAll(
          PreluSuite.run(r, precisionOption.values(), p -> BackendSpec.mayFlush(r, p), show));
      spec.commandLine().getOut().println("Contract suite on " + r.describe());
      List<Precision> fallback = BackendSpec.onItsCpuBackend(r, precisionOption.values());
      if (!fallback.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println(
                "  "
                    + fallback.stream().map(EnumNames::of).collect(Collectors.joining(", "))
                    + ": on its CPU backend (no device program)");
      }
      return VerifyReport.print(cases, spec.commandLine().getOut());
    }
  }

  /** The backend asked for; a device that does not exist, where others do, is a usage error. */
  private Rectifier open() {
    try {
      return backend.open(spec);
    } catch (OpenClUnavailableException e) {
      if (BackendSpec.openClExists()) {
        throw Usage.invalid(spec, "--backend", backend + ": " + e.getMessage());
      }
      throw e;
    }
  }

  /** Every precision unless asked otherwise. */
  static final class Defaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argument) {
      return argument instanceof OptionSpec o && o.longestName().equals("--precision")
          ? "float,double,half,bfloat16"
          : null;
    }
  }
}
