package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The only way the console acts: the orchestrator's REST API, called as the person logged in. The
 * orchestrator decides (roles, the two-person rule, whether the incident is still open); its
 * refusal comes back with its reason, for the page to show.
 */
@Component
public class OrchestratorApi {

  /** What the orchestrator answered: accepted, or refused with its status and reason. */
  public record Answer(boolean accepted, int status, String reason) {}

  /** A runbook in force, as {@code GET /api/runbooks} lists it. */
  public record RunbookInForce(String id, int version, String title, String scenario, String file, List<String> steps,
                               List<String> compensations, DocumentControl documentControl) {}

  public record DocumentControl(String owner, String lastReviewed, String nextReview, String approvedBy) {}

  /** A dry run's plan: the commands the runbook would send for the example incident (nothing is sent). */
  public record Plan(String runbookId, int version, String scenario, List<PlannedCommand> commands) {}

  public record PlannedCommand(String stepId, int attempt, String action, Map<String, String> parameters) {}

  /** A plan, or why there is none. */
  public record Planned(Plan plan, Answer refusal) {}

  private final RestClient client;
  private final BearerTokens tokens;
  private final String baseUrl;

  public OrchestratorApi(ConsoleProperties properties, Clock clock) {
    ConsoleProperties.Orchestrator settings = properties.orchestrator();
    this.tokens = new BearerTokens(settings, clock);
    this.baseUrl = settings.url().toString().replaceAll("/+$", "");
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(settings.timeout())
            // HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which servers may cut off mid-request
            .version(HttpClient.Version.HTTP_1_1).build());
    requests.setReadTimeout(settings.timeout());
    this.client = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
  }

  public boolean canDecide() {
    return tokens.configured();
  }

  public Answer acknowledge(String incidentId, String note, String person, List<String> roles) {
    return post("/api/incidents/{id}/acknowledge", Map.of("note", note), person, roles, incidentId);
  }

  public Answer cancel(String incidentId, String reason, String person, List<String> roles) {
    return post("/api/incidents/{id}/cancel", Map.of("reason", reason), person, roles, incidentId);
  }

  public Answer approve(String incidentId, String stepId, String comment, String person, List<String> roles) {
    return post("/api/incidents/{id}/steps/{step}/approve", Map.of("comment", comment), person, roles, incidentId, stepId);
  }

  public Answer reject(String incidentId, String stepId, String comment, String person, List<String> roles) {
    return post("/api/incidents/{id}/steps/{step}/reject", Map.of("comment", comment), person, roles, incidentId, stepId);
  }

  /** The runbooks the orchestrator runs now; empty with the reason when it does not answer. */
  public List<RunbookInForce> runbooks() {
    try {
      RunbookInForce[] list = client.get().uri("/api/runbooks").retrieve().body(RunbookInForce[].class);
      return list == null ? List.of() : List.of(list);
    } catch (RestClientResponseException | ResourceAccessException e) {
      throw new Unavailable("the orchestrator at " + baseUrl + " did not list its runbooks: " + rootMessage(e));
    }
  }

  /**
   * The orchestrator's dry run of {@code yaml} for an example incident: it validates the runbook and
   * plans its commands, and emits nothing. It needs a token, as the person asking.
   */
  public Planned dryRun(String yaml, String fileName, Map<String, Object> incident, String person, List<String> roles) {
    if (!tokens.configured()) {
      return new Planned(null, new Answer(false, 503, "this console has no way to sign requests to the orchestrator "
          + "(dr.console.orchestrator.hmac-secret is not set)"));
    }
    try {
      Plan plan = client.post().uri("/api/runbooks/validate")
          .headers(h -> h.setBearerAuth(tokens.forPerson(person, roles)))
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("yaml", yaml, "fileName", fileName, "incident", incident))
          .retrieve()
          .body(Plan.class);
      return new Planned(plan, null);
    } catch (RestClientResponseException e) {
      return new Planned(null, new Answer(false, e.getStatusCode().value(), reasonOf(e)));
    } catch (ResourceAccessException e) {
      return new Planned(null, new Answer(false, 503, "the orchestrator at " + baseUrl + " did not answer: " + rootMessage(e)));
    }
  }

  /** The orchestrator could not be read from; the page says so instead of failing. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  private Answer post(String path, Map<String, String> body, String person, List<String> roles, Object... variables) {
    if (!tokens.configured()) {
      return new Answer(false, 503, "this console has no way to sign requests to the orchestrator "
          + "(dr.console.orchestrator.hmac-secret is not set)");
    }
    try {
      var response = client.post().uri(path, variables)
          .headers(h -> h.setBearerAuth(tokens.forPerson(person, roles)))
          .contentType(MediaType.APPLICATION_JSON)
          .body(body)
          .retrieve()
          .toBodilessEntity();
      return new Answer(true, response.getStatusCode().value(), null);
    } catch (RestClientResponseException e) {
      return new Answer(false, e.getStatusCode().value(), reasonOf(e));
    } catch (ResourceAccessException e) {
      return new Answer(false, 503, "the orchestrator at " + baseUrl + " did not answer: " + rootMessage(e));
    }
  }

  /** The problem detail's reason when the orchestrator sent one, else the status line. */
  private static String reasonOf(RestClientResponseException e) {
    try {
      Map<?, ?> problem = e.getResponseBodyAs(Map.class);
      if (problem != null) {
        for (String field : List.of("detail", "reason", "message", "error", "title")) {
          Object v = problem.get(field);
          if (v != null && !String.valueOf(v).isBlank()) {
            return String.valueOf(v);
          }
        }
      }
    } catch (RuntimeException notJson) {
      // fall through to the status line
    }
    return e.getStatusCode().value() + " " + e.getStatusText();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
