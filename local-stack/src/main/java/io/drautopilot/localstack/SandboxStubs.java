package io.drautopilot.localstack;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * WireMock answering AWS control-plane calls with the services' {@code sandbox/aws-stubs/*.json}
 * (the AWS-shaped happy paths the sandbox's recording endpoint serves), so a module's tests exercise
 * its own stubs; tests add failure stubs on top. {@link #shared()} is one server per JVM.
 */
public final class SandboxStubs {

  /** Every service's stubs on the classpath. */
  public static final String LOCATION = "classpath*:sandbox/aws-stubs/*.json";

  private static volatile WireMockServer shared;

  private SandboxStubs() {}

  /** The JVM-wide server, started with the stubs loaded on first use and stopped when the JVM exits. */
  public static WireMockServer shared() {
    WireMockServer s = shared;
    if (s == null) {
      synchronized (SandboxStubs.class) {
        s = shared;
        if (s == null) {
          s = start(10);
          WireMockServer started = s;
          Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "sandbox-stubs-stop"));
          shared = s;
        }
      }
    }
    return s;
  }

  /** The shared server's base URL, for {@code dr.aws.endpoints.*} and endpoint overrides. */
  public static String url() {
    return "http://127.0.0.1:" + shared().port();
  }

  /** The shared server back to only the sandbox stubs, with an empty request journal and scenarios reset. */
  public static void reset() {
    WireMockServer s = shared();
    s.resetAll();
    load(s);
  }

  /** A new server on a free loopback port with the stubs loaded (the caller stops it). */
  public static WireMockServer start(int containerThreads) {
    WireMockServer server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").containerThreads(containerThreads));
    server.start();
    try {
      load(server);
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return server;
  }

  /** Adds every stub found at {@link #LOCATION}; fails when there is none. @return how many */
  public static int load(WireMockServer server) {
    int loaded = 0;
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
        try (InputStream in = r.getInputStream()) {
          server.addStubMapping(
              StubMapping.buildFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          loaded++;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot load the sandbox AWS stubs: " + e.getMessage(), e);
    }
    if (loaded == 0) {
      throw new IllegalStateException("no sandbox AWS stubs on the classpath (" + LOCATION + ")");
    }
    return loaded;
  }
}
