package io.drautopilot.detector.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link DetectorProperties} for tests, bound from {@code dr.detector.*} keys as an operator would set them. */
public final class DetectorSettings {

  private DetectorSettings() {}

  /**
   * The settings with these keys (in full, e.g. {@code dr.detector.probes.breach.scan-burst-threshold}) and values,
   * given in pairs; a key given twice has its last value. Everything else keeps its default.
   */
  public static DetectorProperties bind(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("dr.detector", DetectorProperties.class);
  }
}
