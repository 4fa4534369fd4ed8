package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Incidents when this instance runs no topology ({@code dr.orchestrator.streams.enabled=false}):
 * it holds none, so every incident query answers 503 with the reason instead of an empty list or a
 * 404 that would read as "no such incident". Runbook listing and validation still work.
 */
public class UnavailableIncidentQueries implements IncidentQueries {

  static final String REASON =
      "this orchestrator instance holds no incidents (dr.orchestrator.streams.enabled=false)";

  @Override
  public List<IncidentState> all() {
    throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, REASON);
  }

  @Override
  public Optional<IncidentState> find(String incidentId) {
    throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, REASON);
  }
}
