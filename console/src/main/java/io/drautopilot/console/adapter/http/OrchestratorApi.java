package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The only way the console acts: the orchestrator's REST API, called as the person logged in (every
 * call carries their bearer token, reads too). The console's own pages read its read model and need
 * none. The orchestrator decides (roles, the two-person rule, whether the incident is still open); its
 * refusal comes back with its reason, for the page to show.
 */
@Component
public class OrchestratorApi {

  /** What the orchestrator answered: accepted, or refused with its status and reason. */
  public record Answer(boolean accepted, int status, String reason) {}

  /** A runbook in force, as {@code GET /api/runbooks} lists it. */
  public record RunbookInForce(
      String id,
      int version,
      String title,
      String scenario,
      String file,
      List<String> steps,
      List<String> compensations,
      DocumentControl documentControl) {}

  public record DocumentControl(
      String owner, String lastReviewed, String nextReview, String approvedBy) {}

  /** A dry run's plan: the commands the runbook would send for the example incident (nothing is sent). */
  public record Plan(
      String runbookId, int version, String scenario, List<PlannedCommand> commands) {}

  public record PlannedCommand(
      String stepId, int attempt, String action, Map<String, String> parameters) {}

  /** A plan, or why there is none. */
  public record Planned(Plan plan, Answer refusal) {}

  private final RestClient client;
  private final BearerTokens tokens;
  private final String baseUrl;

  public OrchestratorApi(ConsoleProperties properties, BearerTokens tokens) {
    ConsoleProperties.Orchestrator settings = properties.orchestrator();
    this.tokens = tokens;
    this.baseUrl = ServiceClients.baseUrl(settings.url());
    this.client = ServiceClients.of(settings.url(), settings.timeout());
  }

  public boolean canDecide() {
    return tokens.configured();
  }

  public Answer acknowledge(String incidentId, String note, Authentication person) {
    return post("/api/incidents/{id}/acknowledge", Map.of("note", note), person, incidentId);
  }

  public Answer cancel(String incidentId, String reason, Authentication person) {
    return post("/api/incidents/{id}/cancel", Map.of("reason", reason), person, incidentId);
  }

  public Answer approve(String incidentId, String stepId, String comment, Authentication person) {
    return post(
        "/api/incidents/{id}/steps/{step}/approve",
        Map.of("comment", comment),
        person,
        incidentId,
        stepId);
  }

  public Answer reject(String incidentId, String stepId, String comment, Authentication person) {
    return post(
        "/api/incidents/{id}/steps/{step}/reject",
        Map.of("comment", comment),
        person,
        incidentId,
        stepId);
  }

  /** The runbooks the orchestrator runs now, asked as the person; {@link Unavailable} with the reason when it does not answer. */
  public List<RunbookInForce> runbooks(Authentication person) {
    try {
      String token = tokens.forPerson(person);
      RunbookInForce[] list =
          client
              .get()
              .uri("/api/runbooks")
              .headers(h -> h.setBearerAuth(token))
              .retrieve()
              .body(RunbookInForce[].class);
      return list == null ? List.of() : List.of(list);
    } catch (BearerTokens.Missing e) {
      throw new Unavailable("the orchestrator's runbooks were not asked for: " + e.getMessage());
    } catch (RestClientResponseException | ResourceAccessException e) {
      throw new Unavailable(
          "the orchestrator at " + baseUrl + " did not list its runbooks: " + rootMessage(e));
    }
  }

  /**
   * The orchestrator's dry run of {@code yaml} for an example incident: it validates the runbook and
   * plans its commands, and emits nothing. It needs a token, as the person asking.
   */
  public Planned dryRun(
      String yaml, String fileName, Map<String, Object> incident, Authentication person) {
    try {
      String token = tokens.forPerson(person);
      Plan plan =
          client
              .post()
              .uri("/api/runbooks/validate")
              .headers(h -> h.setBearerAuth(token))
              .contentType(MediaType.APPLICATION_JSON)
              .body(Map.of("yaml", yaml, "fileName", fileName, "incident", incident))
              .retrieve()
              .body(Plan.class);
      return new Planned(plan, null);
    } catch (BearerTokens.Missing e) {
      return new Planned(null, new Answer(false, e.status(), e.getMessage()));
    } catch (RestClientResponseException e) {
      return new Planned(null, new Answer(false, e.getStatusCode().value(), reasonOf(e)));
    } catch (ResourceAccessException e) {
      return new Planned(
          null,
          new Answer(
              false, 503, "the orchestrator at " + baseUrl + " did not answer: " + rootMessage(e)));
    }
  }

  /** The orchestrator could not be read from; the page says so instead of failing. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  private Answer post(
      String path, Map<String, String> body, Authentication person, Object... variables) {
    try {
      String token = tokens.forPerson(person);
      var response =
          client
              .post()
              .uri(path, variables)
              .headers(h -> h.setBearerAuth(token))
              .contentType(MediaType.APPLICATION_JSON)
              .body(body)
              .retrieve()
              .toBodilessEntity();
      return new Answer(true, response.getStatusCode().value(), null);
    } catch (BearerTokens.Missing e) {
      return new Answer(false, e.status(), e.getMessage());
    } catch (RestClientResponseException e) {
      return new Answer(false, e.getStatusCode().value(), reasonOf(e));
    } catch (ResourceAccessException e) {
      return new Answer(
          false, 503, "the orchestrator at " + baseUrl + " did not answer: " + rootMessage(e));
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
