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
   * The weighted quantile {@code q}: the first value (in ascending order) at which the cumulative weight
   * reaches {@code q} of the total; where it reaches it exactly at a value's end, the mean of that value
   * and the next (so two equal runs of 10 and 14 minutes give a P50 of 12 and a P90 of 14). No
   * interpolation across gaps: a down-weighted outlier at the far end cannot drag the P90 towards it.
   */
  static double quantile(List<Weighted> sample, double q) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Weighted> sorted =
        sample.stream().sorted(Comparator.comparingDouble(Weighted::value)).toList();
    double total = sorted.stream().mapToDouble(Weighted::weight).sum();
    double target = q * total;
    double cumulative = 0;
    for (int i = 0; i < sorted.size(); i++) {
      cumulative += sorted.get(i).weight();
      if (Math.abs(cumulative - target) < 1e-9 * total && i + 1 < sorted.size()) {
        return (sorted.get(i).value() + sorted.get(i + 1).value()) / 2;
      }
      if (cumulative >= target) {
        return sorted.get(i).value();
      }
    }
    return sorted.get(sorted.size() - 1).value();
  }
}
