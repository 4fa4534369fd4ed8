package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.orchestrator.OrchestratorApplication;
import io.drautopilot.orchestrator.config.OrchestratorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;

/**
 * The routes and command topics as the orchestrator's own configuration has them, for tests: the built-in routes
 * plus {@code dr.orchestrator.routes} of its {@code application.yml}, wired as {@code OrchestratorConfiguration}
 * wires them. A handler added by configuration reaches every test through here, with no list to extend by hand.
 */
public final class OrchestratorRoutes {

  private OrchestratorRoutes() {}

  /** Handler prefix to command topic, as the service routes them. */
  public static Map<String, String> configured() {
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.putAll(applicationYml().routes());
    return routes;
  }

  /** Only the routes {@code application.yml} adds, as property assignments for an {@code ApplicationContextRunner}. */
  public static String[] asProperties() {
    return applicationYml().routes().entrySet().stream()
        .map(e -> "dr.orchestrator.routes." + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  /** Every topic a command may be sent to, each checked against the catalog ({@link Topics#ALL}). */
  public static List<String> commandTopics() {
    List<String> topics = new ArrayList<>(new LinkedHashSet<>(configured().values()));
    for (String topic : topics) {
      if (Topics.find(topic).isEmpty()) {
        throw new IllegalStateException(
            "route to "
                + topic
                + " in orchestrator-service's application.yml, which is not a "
                + "topic of the catalog (io.drautopilot.contracts.Topics): add it there so deployments create it");
      }
    }
    return topics;
  }

  /** The command topics and the timeline: what a test playing the handlers reads. */
  public static List<String> commandTopicsAndTimeline() {
    List<String> topics = new ArrayList<>(commandTopics());
    topics.add(Topics.INCIDENT_TIMELINE);
    return topics;
  }

  /** {@code dr.orchestrator.*} of the orchestrator's own application.yml (not another module's on the classpath). */
  static OrchestratorProperties applicationYml() {
    try {
      String codeSource =
          OrchestratorApplication.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toString();
      URL own = null;
      for (URL candidate :
          Collections.list(
              OrchestratorApplication.class.getClassLoader().getResources("application.yml"))) {
        String url = candidate.toString();
        if (url.startsWith(codeSource) || url.startsWith("jar:" + codeSource)) {
          own = candidate;
        }
      }
      if (own == null) {
        throw new IllegalStateException(
            "orchestrator-service's application.yml is not on the test classpath (under "
                + codeSource
                + ")");
      }
      List<PropertySource<?>> sources =
          new YamlPropertySourceLoader().load("orchestrator", new UrlResource(own));
      StandardEnvironment env = new StandardEnvironment();
      sources.forEach(env.getPropertySources()::addLast);
      return Binder.get(env).bindOrCreate("dr.orchestrator", OrchestratorProperties.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
