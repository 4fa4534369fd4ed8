package io.drautopilot.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Starts one service as its own Spring Boot application context in this JVM.
 *
 * <p>Every service jar carries an {@code application.yml}; on one shared classpath those would shadow
 * each other, so the launcher copies the one from the service's own jar into the state directory and
 * points {@code spring.config.location} at it. Sandbox settings are passed as command-line
 * properties, which take precedence over the service's file, exactly as they would in a deployment.
 * Sandbox-only parts of a service (the detector's drill fault API) come as extra sources of its context;
 * they are in the sandbox's jar, never in the service's.
 */
final class ServiceLauncher {

  private ServiceLauncher() {}

  /**
   * @param extraSources configuration classes added to the service's own (sandbox-only beans)
   * @param extraBeans singletons registered before the context refreshes, named by their class
   */
  static ConfigurableApplicationContext start(
      Class<?> application,
      String name,
      Path stateDir,
      Map<String, String> properties,
      List<Class<?>> extraSources,
      Object... extraBeans) {
    Path config = copyOwnConfig(application, name, stateDir);
    List<String> args = new ArrayList<>();
    args.add(
        "--spring.config.location="
            + (config == null ? "optional:classpath:/none.yml" : "file:" + config));
    args.add("--spring.application.name=" + name);
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(application)
            .sources(extraSources.toArray(Class<?>[]::new))
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .web(WebApplicationType.SERVLET)
            .registerShutdownHook(false)
            .listeners(new LoggingSetup(true), new LoggingSetup(false));
    if (extraBeans.length > 0) {
      builder.initializers(
          ctx -> {
            for (Object bean : extraBeans) {
              ctx.getBeanFactory().registerSingleton(bean.getClass().getSimpleName(), bean);
            }
          });
    }
    return builder.run(args.toArray(String[]::new));
  }

  /**
   * Contexts may start at the same time, but the logging system is one per JVM: the first context sets it up and the
   * others find it set up, as when they start one after the other. Without this, contexts starting together each set
   * it up at once, and every log line is written once per context. Holds a lock from a context's start until logging
   * has been set up ({@link LoggingApplicationListener} runs between the two halves); once it has, nobody waits.
   */
  private static final class LoggingSetup implements GenericApplicationListener {

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile boolean done;

    private final boolean before;

    LoggingSetup(boolean before) {
      this.before = before;
    }

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
      Class<?> type = eventType.getRawClass();
      return type != null
          && (ApplicationStartingEvent.class.isAssignableFrom(type)
              || ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
              || ApplicationFailedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
      if (before && event instanceof ApplicationStartingEvent && !done) {
        LOCK.lock();
      } else if (!before
          && !(event instanceof ApplicationStartingEvent)
          && LOCK.isHeldByCurrentThread()) {
        done |= event instanceof ApplicationEnvironmentPreparedEvent;
        LOCK.unlock();
      }
    }

    @Override
    public int getOrder() {
      return before ? Ordered.HIGHEST_PRECEDENCE : LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
  }

  private static Path copyOwnConfig(Class<?> application, String name, Path stateDir) {
    try {
      URL own = null;
      for (URL candidate :
          Collections.list(application.getClassLoader().getResources("application.yml"))) {
        String url = candidate.toString();
        // target/classes of a module in the build, or the module's jar (nested in the sandbox jar)
        if (url.contains("/" + name + "/") || url.contains("/" + name + "-")) {
          own = candidate;
        }
      }
      if (own == null) {
        return null;
      }
      Path target = stateDir.resolve("config").resolve(name + ".yml");
      Files.createDirectories(target.getParent());
      try (InputStream in = own.openStream()) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the configuration of " + name + ": " + e.getMessage(), e);
    }
  }
}
