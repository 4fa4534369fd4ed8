package io.drautopilot.detector.adapter.http;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.Decision;
import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.Observation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inbound alerts: Prometheus Alertmanager ({@code /alerts/alertmanager}), the generic JSON format
 * ({@code /alerts/generic}) and CloudWatch alarms delivered by an SNS HTTP(S) subscription ({@code /alerts/sns}).
 * Everything is authenticated and parsed before anything is evaluated, so a refused call publishes nothing.
 */
@RestController
@RequestMapping("/alerts")
public class AlertWebhookController {

  private static final Logger log = LoggerFactory.getLogger(AlertWebhookController.class);

  private final WebhookAuthenticator authenticator;
  private final SnsMessageVerifier sns;
  private final AlertParser parser;
  private final DetectionService detection;
  private final ClassificationRules rules;
  private final DetectorProperties.Webhooks config;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public AlertWebhookController(
      WebhookAuthenticator authenticator,
      SnsMessageVerifier sns,
      AlertParser parser,
      DetectionService detection,
      ClassificationRules rules,
      DetectorProperties properties,
      Clock clock) {
    this.authenticator = authenticator;
    this.sns = sns;
    this.parser = parser;
    this.detection = detection;
    this.rules = rules;
    this.config = properties.webhooks();
    this.clock = clock;
  }

  @PostMapping("/alertmanager")
  public ResponseEntity<Map<String, Object>> alertmanager(
      @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
    return acceptAuthenticated(body, headers, parser::alertmanager);
  }

  @PostMapping("/generic")
  public ResponseEntity<Map<String, Object>> generic(
      @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
    return acceptAuthenticated(body, headers, parser::generic);
  }

  /** SNS authenticates by its message signature (SNS cannot send a bearer token); the topic can be allow-listed. */
  @PostMapping("/sns")
  public ResponseEntity<Map<String, Object>> sns(@RequestBody(required = false) byte[] body) {
    JsonNode message = parse(body);
    sns.verify(message);
    String type = SnsMessageVerifier.text(message, "Type");
    if (type.equals("SubscriptionConfirmation")) {
      return confirm(message);
    }
    if (type.equals("UnsubscribeConfirmation")) {
      // Nothing to undo here; the log says which topic will send no more alarms.
      log.warn(
          "SNS topic {} unsubscribed this endpoint: its alarms no longer reach the detector",
          SnsMessageVerifier.text(message, "TopicArn"));
      return ResponseEntity.ok(
          Map.of(
              "status",
              "unsubscribe noted",
              "topicArn",
              SnsMessageVerifier.text(message, "TopicArn")));
    }
    JsonNode alarm;
    try {
      alarm = json.readTree(SnsMessageVerifier.text(message, "Message"));
    } catch (RuntimeException e) {
      throw new WebhookRejected(
          400, "the SNS Message is not JSON (a CloudWatch alarm is expected)");
    }
    return accept(
        parser.cloudWatchAlarm(
            alarm, SnsMessageVerifier.text(message, "TopicArn"), clock.instant()));
  }

  private ResponseEntity<Map<String, Object>> confirm(JsonNode message) {
    if (!config.sns().autoConfirm()) {
      return ResponseEntity.ok(
          Map.of("status", "subscription confirmation received; auto-confirm is off"));
    }
    URI subscribe =
        sns.trustedUri(SnsMessageVerifier.text(message, "SubscribeURL"), "SubscribeURL");
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(subscribe).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new WebhookRejected(502, "SubscribeURL answered HTTP " + r.statusCode());
      }
    } catch (WebhookRejected e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookRejected(503, "interrupted");
    } catch (Exception e) {
      throw new WebhookRejected(502, "cannot confirm the subscription: " + e.getMessage());
    }
    log.info("confirmed SNS subscription to {}", SnsMessageVerifier.text(message, "TopicArn"));
    return ResponseEntity.ok(
        Map.of(
            "status",
            "subscription confirmed",
            "topicArn",
            SnsMessageVerifier.text(message, "TopicArn")));
  }

  /** An alert posted with a bearer token or an HMAC signature, read in the sender's format. */
  private ResponseEntity<Map<String, Object>> acceptAuthenticated(
      byte[] body, HttpHeaders headers, BiFunction<JsonNode, Instant, List<Observation>> format) {
    authenticator.authenticate(
        headers.getFirst("Authorization"),
        headers.getFirst(WebhookAuthenticator.SIGNATURE_HEADER),
        body == null ? new byte[0] : body);
    return accept(format.apply(parse(body), clock.instant()));
  }

  private ResponseEntity<Map<String, Object>> accept(List<Observation> observations) {
    List<String> unclassified =
        observations.stream()
            .filter(Observation::failing)
            .filter(o -> rules.classify(o.signal(), o.value()).isEmpty())
            .map(Observation::signal)
            .distinct()
            .toList();
    List<Decision> decisions = detection.process(observations);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", observations.size());
    answer.put(
        "decisions",
        decisions.stream()
            .map(
                d ->
                    Map.of(
                        "decision",
                        d.getClass().getSimpleName(),
                        "fingerprint",
                        d.incident().fingerprint(),
                        "incidentId",
                        d.incident().incidentId(),
                        "severity",
                        d.incident().severity().name()))
            .toList());
    answer.put("unclassified", unclassified);
    answer.put(
        "unmanaged",
        observations.stream()
            .filter(o -> !parser.isManaged(o))
            .map(o -> o.region() + "/" + o.resource())
            .distinct()
            .toList());
    return ResponseEntity.accepted().body(answer);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new WebhookRejected(400, "empty body: a JSON alert payload is expected");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new WebhookRejected(400, "the body must be a JSON object");
      }
      return node;
    } catch (WebhookRejected e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WebhookRejected(400, "the body is not valid JSON");
    }
  }

  @ExceptionHandler(WebhookRejected.class)
  ResponseEntity<Map<String, String>> rejected(WebhookRejected e) {
    log.info("alert webhook refused ({}): {}", e.status(), e.getMessage());
    return e.answer();
  }
}
