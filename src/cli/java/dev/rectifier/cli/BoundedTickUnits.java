package dev.rectifier.cli;

import java.io.Serializable;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;

/**
 * JFreeChart's tick units for a linear axis (1, 2 and 5 times a power of ten), from {@link
 * #SMALLEST} to {@link #LARGEST}: on a range near {@code Double.MAX_VALUE} JFreeChart asks for an
 * infinite unit, which its own source refuses, and one of 0, which it loops on.
 */
final class BoundedTickUnits implements TickUnitSource, Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest unit: four ticks span the widest range a double holds. */
  static final double LARGEST = 5e307;

  /** The smallest unit, for a size of 0 (which JFreeChart's source loops on) or NaN. */
  static final double SMALLEST = 1e-300;

  private final NumberTickUnitSource units = new NumberTickUnitSource();

  @Override
  public TickUnit getLargerTickUnit(TickUnit unit) {
    return bounded(units.getLargerTickUnit(unit));
  }

  @Override
  public TickUnit getCeilingTickUnit(TickUnit unit) {
    return getCeilingTickUnit(unit.getSize());
  }

  @Override
  public TickUnit getCeilingTickUnit(double size) {
    return units.getCeilingTickUnit(size > SMALLEST ? Math.min(size, LARGEST) : SMALLEST);
  }

  private TickUnit bounded(TickUnit unit) {
    return unit.getSize() <= LARGEST ? unit : units.getCeilingTickUnit(LARGEST);
  }
}
