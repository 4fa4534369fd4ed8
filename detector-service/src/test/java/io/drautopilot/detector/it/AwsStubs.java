package io.drautopilot.detector.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** A WireMock "recording endpoint" loaded with the healthy stubs the sandbox ships (so they are tested too). */
final class AwsStubs {

  static WireMockServer start() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    loadSandboxStubs(server);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
    return server;
  }

  static void loadSandboxStubs(WireMockServer server) {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:sandbox/aws-stubs/*.json");
      if (files.length == 0) {
        throw new IllegalStateException("no sandbox stubs on the classpath");
      }
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          server.addStubMapping(StubMapping.buildFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private AwsStubs() {}
}
