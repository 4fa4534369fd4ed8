package io.drautopilot.notifier;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real outside world of the notifier, one per test JVM: a GreenMail SMTP server and one WireMock
 * server standing in for SNS, Slack, PagerDuty and the generic webhook, loaded with the same stub
 * files the sandbox uses ({@code sandbox/aws-stubs}).
 */
public final class NotifierTestStack {

  public static final List<String> STUB_FILES =
      List.of(
          "sns-publish.json",
          "sns-publish-throttled.json",
          "slack-webhook.json",
          "pagerduty-enqueue.json",
          "generic-webhook.json");

  /** Looks like a real webhook secret so tests can prove it never leaks. */
  public static final String SLACK_PATH = "/hooks/slack/T0SECRET/B0SECRET/xoxSecretToken42";

  public static final String WEBHOOK_PATH = "/hooks/notify/status-page";
  public static final String PAGERDUTY_ROUTING_KEY = "R0UTINGKEYSECRET0000000000000000";

  private static GreenMail smtp;
  private static WireMockServer http;

  private NotifierTestStack() {}

  public static synchronized GreenMail smtp() {
    if (smtp == null) {
      ServerSetup setup = ServerSetupTest.SMTP.dynamicPort();
      // GreenMail's default 2 s for its server thread is short on a busy two-core machine.
      setup.setServerStartupTimeout(30_000);
      smtp = new GreenMail(setup);
      smtp.start();
    }
    return smtp;
  }

  public static synchronized WireMockServer http() {
    if (http == null) {
      http = new WireMockServer(wireMockConfig().dynamicPort());
      http.start();
      resetHttp();
    }
    return http;
  }

  /** Back to only the sandbox stubs (drops stubs a test added and the request journal). */
  public static void resetHttp() {
    http.resetAll();
    for (String file : STUB_FILES) {
      http.addStubMapping(StubMapping.buildFrom(read("sandbox/aws-stubs/" + file)));
    }
  }

  /** A new empty directory under {@code target/}, e.g. for a Kafka Streams state directory. */
  public static String freshDirectory() {
    try {
      Path target = Files.createDirectories(Path.of("target", "state"));
      return Files.createTempDirectory(target, "run-").toAbsolutePath().toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String read(String resource) {
    try (InputStream in = NotifierTestStack.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
