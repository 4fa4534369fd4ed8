package io.drautopilot.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantilesTest {

  static Quantiles.Weighted w(double v, double weight) {
    return new Quantiles.Weighted(v, weight);
  }

  @Test
  void shouldInterpolateBetweenEquallyWeightedValues() {
    List<Quantiles.Weighted> sample = List.of(w(14, 1), w(10, 1));

    assertThat(Quantiles.quantile(sample, 0.5)).isEqualTo(12.0);
    assertThat(Quantiles.quantile(sample, 0.9)).isEqualTo(14.0);
    assertThat(Quantiles.quantile(sample, 0.1)).isEqualTo(10.0);
  }

  @Test
  void shouldLeanTowardsTheHeavierValue() {
    List<Quantiles.Weighted> sample = List.of(w(10, 1), w(20, 0.1));

    assertThat(Quantiles.quantile(sample, 0.5)).isEqualTo(10.0);
  }

  @Test
  void shouldComputeTheMedianAndMad() {
    double[] values = {1, 2, 3, 4, 100};

    assertThat(Quantiles.median(values)).isEqualTo(3.0);
    assertThat(Quantiles.mad(values, 3.0)).isCloseTo(1.0, within(1e-9));
    assertThat(Quantiles.median(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
  }
}
