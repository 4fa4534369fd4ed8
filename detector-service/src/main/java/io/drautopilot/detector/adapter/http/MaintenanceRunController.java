package io.drautopilot.detector.adapter.http;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.MaintenanceProcedure;
import io.drautopilot.detector.domain.MaintenanceRunRefused;
import io.drautopilot.detector.domain.MaintenanceRuns;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code POST /maintenance/runs}: starts a maintenance procedure now, as the schedule would, and answers 202 with
 * the incident it raised. Authenticated like the alert webhooks; in sandbox mode open, so the drill can start one.
 */
@RestController
@RequestMapping("/maintenance/runs")
public class MaintenanceRunController {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceRunController.class);
  private static final String PROCEDURES =
      Arrays.stream(MaintenanceProcedure.values())
          .map(MaintenanceProcedure::id)
          .collect(Collectors.joining(" or "));

  private final WebhookAuthenticator authenticator;
  private final MaintenanceRuns runs;
  private final boolean sandbox;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  public MaintenanceRunController(
      WebhookAuthenticator authenticator,
      MaintenanceRuns runs,
      DetectorProperties properties,
      Clock clock) {
    this.authenticator = authenticator;
    this.runs = runs;
    this.sandbox = properties.sandbox().enabled();
    this.clock = clock;
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> start(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestHeader(value = WebhookAuthenticator.SIGNATURE_HEADER, required = false)
          String signature) {
    if (!sandbox) {
      authenticator.authenticate(authorization, signature, body == null ? new byte[0] : body);
    }
    JsonNode request = parse(body);
    String name = text(request, "procedure");
    if (name == null || name.isBlank()) {
      throw new WebhookRejected(400, "'procedure' is required: " + PROCEDURES);
    }
    MaintenanceProcedure procedure =
        MaintenanceProcedure.byId(name)
            .orElseThrow(
                () ->
                    new WebhookRejected(
                        400, "unknown procedure '" + name + "': use " + PROCEDURES));
    Incident incident;
    try {
      incident =
          runs.startOnDemand(
              procedure, text(request, "region"), text(request, "table"), clock.instant());
    } catch (MaintenanceRunRefused e) {
      throw new WebhookRejected(400, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("could not publish the on-demand {}: {}", procedure.id(), e.toString());
      throw new WebhookRejected(
          503, "the run could not be published, nothing was started; retry later");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("incidentId", incident.incidentId());
    answer.put("fingerprint", incident.fingerprint());
    answer.put("procedure", procedure.id());
    answer.put("scenario", incident.scenario().name());
    answer.put("severity", incident.severity().name());
    answer.put("region", incident.region());
    answer.put("table", incident.affectedResources().get(0));
    answer.put("runAt", incident.detectedAt().toString());
    return ResponseEntity.accepted().body(answer);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new WebhookRejected(
          400,
          "empty body: {\"procedure\": \""
              + PROCEDURES.replace(" or ", "\" | \"")
              + "\"} is expected");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (RuntimeException e) {
      throw new WebhookRejected(400, "the body is not valid JSON");
    }
    throw new WebhookRejected(400, "the body must be a JSON object");
  }

  private static String text(JsonNode request, String field) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new WebhookRejected(400, "'" + field + "' must be a string");
    }
    return v.asString();
  }

  @ExceptionHandler(WebhookRejected.class)
  ResponseEntity<Map<String, String>> rejected(WebhookRejected e) {
    log.info("maintenance run refused ({}): {}", e.status(), e.getMessage());
    return e.answer();
  }
}
