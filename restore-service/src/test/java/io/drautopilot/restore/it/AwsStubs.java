package io.drautopilot.restore.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One WireMock per test JVM answering the AWS control plane with the service's own
 * {@code sandbox/aws-stubs} (the happy paths the sandbox uses); tests add failure stubs on top.
 */
public final class AwsStubs {

  private static final WireMockServer SERVER = start();

  private AwsStubs() {}

  public static WireMockServer server() {
    return SERVER;
  }

  public static String url() {
    return "http://127.0.0.1:" + SERVER.port();
  }

  /** Back to only the sandbox stubs, with an empty request journal. */
  public static void reset() {
    SERVER.resetAll();
    loadSandboxStubs(SERVER);
  }

  private static WireMockServer start() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(10));
    server.start();
    loadSandboxStubs(server);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "aws-stubs-stop"));
    return server;
  }

  static void loadSandboxStubs(WireMockServer server) {
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:sandbox/aws-stubs/*.json")) {
        try (InputStream in = r.getInputStream()) {
          server.addStubMapping(StubMapping.buildFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
