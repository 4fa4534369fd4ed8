package io.drautopilot.readiness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Median, MAD and weighted quantiles: the robust statistics the forecast is made of. */
final class Quantiles {

  /** Scales a MAD to the standard deviation it estimates for normally distributed data. */
  static final double MAD_TO_SIGMA = 1.4826;

  private Quantiles() {}

  record Weighted(double value, double weight) {}

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Median absolute deviation around {@code median}. */
  static double mad(double[] values, double median) {
    return median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
  }

  /**
   * The weighted quantile {@code q} by linear interpolation between the weight midpoints of the sorted
   * values (with equal weights: Hazen's plotting positions), clamped to the smallest and largest value.
   * Two runs of 10 and 14 minutes give a P50 of 12 and a P90 of 14.
   */
  static double quantile(List<Weighted> sample, double q) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Weighted> sorted = sample.stream().sorted(Comparator.comparingDouble(Weighted::value)).toList();
    double total = sorted.stream().mapToDouble(Weighted::weight).sum();
    double cumulative = 0;
    double previousPosition = Double.NaN;
    double previousValue = Double.NaN;
    for (Weighted w : sorted) {
      double position = (cumulative + w.weight() / 2) / total;
      cumulative += w.weight();
      if (q <= position) {
        if (Double.isNaN(previousPosition)) {
          return w.value();
        }
        double fraction = (q - previousPosition) / (position - previousPosition);
        return previousValue + fraction * (w.value() - previousValue);
      }
      previousPosition = position;
      previousValue = w.value();
    }
    return sorted.get(sorted.size() - 1).value();
  }
}
