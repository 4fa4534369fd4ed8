package io.drautopilot.notifier.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code dr.notifier.*} bound from settings as an operator would give them (keys in full). */
public final class NotifierSettings {

  private NotifierSettings() {}

  /** Every setting at its default. */
  public static NotifierProperties defaults() {
    return bind(Map.of());
  }

  public static NotifierProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("dr.notifier", NotifierProperties.class);
  }
}
