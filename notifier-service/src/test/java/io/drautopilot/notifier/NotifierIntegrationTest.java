package io.drautopilot.notifier;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every integration test of the module (same properties, so it is reused):
 * the embedded KRaft broker, GreenMail for SMTP, WireMock for SNS and the webhooks, fast retries, the
 * test-only public key the recorded incidents are signed with, and closed incidents archived to a directory.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.aws.region=us-east-1",
      "dr.notifier.retry.max-attempts=3",
      "dr.notifier.retry.initial-backoff=20ms",
      "dr.notifier.retry.max-backoff=100ms",
      "dr.notifier.channels.timeout=3s",
      "dr.notifier.channels.email.from=dr-autopilot@example.test",
      "dr.notifier.channels.slack.enabled=true",
      "dr.notifier.channels.pagerduty.enabled=true",
      "dr.notifier.channels.webhook.enabled=true",
      "dr.notifier.channels.webhook.token=webhook-bearer-secret",
      "dr.notifier.report.directory=target/it-incident-reports",
      "dr.notifier.report.catch-up-timeout=2s",
      "dr.notifier.report.projection.commit-interval=100ms",
      "dr.notifier.archive.location=target/it-incident-archive",
      "dr.notifier.archive.settle-time=200ms",
      "dr.notifier.archive.initial-backoff=50ms",
      "dr.notifier.archive.max-backoff=500ms",
      "dr.audit.public-key-files=target/test-classes/keys/test-only-ed25519-public.pem"
    })
public abstract class NotifierIntegrationTest {

  @DynamicPropertySource
  static void outsideWorld(DynamicPropertyRegistry registry) {
    String base = NotifierTestStack.http().baseUrl();
    registry.add("dr.aws.endpoints.sns", () -> base);
    registry.add("dr.notifier.channels.email.host", () -> "127.0.0.1");
    registry.add(
        "dr.notifier.channels.email.port", () -> NotifierTestStack.smtp().getSmtp().getPort());
    registry.add("dr.notifier.channels.slack.url", () -> base + NotifierTestStack.SLACK_PATH);
    registry.add("dr.notifier.channels.pagerduty.url", () -> base + "/v2/enqueue");
    registry.add(
        "dr.notifier.channels.pagerduty.routing-key",
        () -> NotifierTestStack.PAGERDUTY_ROUTING_KEY);
    registry.add("dr.notifier.channels.webhook.url", () -> base + NotifierTestStack.WEBHOOK_PATH);
    // a fresh store per run: the embedded broker is new each time, so an old store would not match
    // it
    registry.add("dr.notifier.report.projection.state-dir", NotifierTestStack::freshDirectory);
  }
}
