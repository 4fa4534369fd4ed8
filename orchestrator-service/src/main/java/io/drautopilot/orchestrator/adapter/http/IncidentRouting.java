package io.drautopilot.orchestrator.adapter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * With several orchestrator instances each holds the incidents of its partitions. A request about
 * one incident ({@code /api/incidents/<id>} and below) that reaches an instance not holding it is
 * sent on, unchanged (method, body, bearer token), to the instance that does, and its answer
 * returned; so any instance answers for every incident. A forwarded request carries
 * {@value #FORWARDED_HEADER} and is never forwarded again. Runs after authentication: the caller's
 * token is checked here and again where the request is answered (roles, redaction, rate limit).
 */
public class IncidentRouting extends OncePerRequestFilter {

  public static final String FORWARDED_HEADER = "X-DR-Forwarded-By";
  private static final Logger log = LoggerFactory.getLogger(IncidentRouting.class);
  private static final Pattern INCIDENT_PATH = Pattern.compile("^/api/incidents/([^/]+)(/.*)?$");
  private static final List<String> PASSED_HEADERS =
      List.of("Authorization", "Content-Type", "Accept");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<ApiModels.IncidentSummary>> SUMMARIES =
      new TypeReference<>() {};

  private final IncidentQueries queries;
  private final HttpClient http;
  private final Duration timeout;

  public IncidentRouting(IncidentQueries queries, HttpClient http, Duration timeout) {
    this.queries = queries;
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher m = INCIDENT_PATH.matcher(request.getRequestURI());
    Optional<URI> owner =
        m.matches() && request.getHeader(FORWARDED_HEADER) == null
            ? queries.elsewhere(m.group(1))
            : Optional.empty();
    if (owner.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    forward(request, response, owner.get(), m.group(1));
  }

  /**
   * The incidents the other instances hold, for a list request that arrived here (not a forwarded
   * one): each instance's own list with the same query. An instance that does not answer is
   * reported in the log and left out, so the list is never blocked by one instance.
   */
  public List<ApiModels.IncidentSummary> fromOtherInstances(HttpServletRequest request) {
    if (request.getHeader(FORWARDED_HEADER) != null) {
      return List.of();
    }
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    List<ApiModels.IncidentSummary> found = new java.util.ArrayList<>();
    for (URI instance : queries.otherInstances()) {
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(instance.resolve("/api/incidents" + query))
                    .timeout(timeout)
                    .header(FORWARDED_HEADER, request.getLocalAddr() + ":" + request.getLocalPort())
                    .header("Accept", "application/json")
                    .header("Authorization", String.valueOf(request.getHeader("Authorization")))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          found.addAll(JSON.readValue(answer.body(), SUMMARIES));
        } else {
          log.warn("incident list of {} answered {}: left out", instance, answer.statusCode());
        }
      } catch (IOException | RuntimeException e) {
        log.warn("incident list of {} not available: {}", instance, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return found;
  }

  private void forward(
      HttpServletRequest request, HttpServletResponse response, URI owner, String incidentId)
      throws IOException {
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    byte[] body = request.getInputStream().readAllBytes();
    HttpRequest.Builder out =
        HttpRequest.newBuilder(owner.resolve(request.getRequestURI() + query))
            .timeout(timeout)
            .method(
                request.getMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .header(FORWARDED_HEADER, request.getLocalAddr() + ":" + request.getLocalPort());
    for (String name : PASSED_HEADERS) {
      String value = request.getHeader(name);
      if (value != null) {
        out.header(name, value);
      }
    }
    try {
      HttpResponse<byte[]> answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.setStatus(answer.statusCode());
      answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
      response.getOutputStream().write(answer.body());
    } catch (IOException e) {
      log.warn(
          "incident {} is held by {}, which did not answer: {}", incidentId, owner, e.toString());
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(
              ("{\"status\":503,\"error\":\"incident "
                      + incidentId
                      + " is held by the "
                      + "orchestrator at "
                      + owner
                      + ", which did not answer; retry\"}")
                  .getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }
}
