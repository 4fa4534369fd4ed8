package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.util.List;
import java.util.Optional;

/** Read access to the incidents the orchestrator holds. */
public interface IncidentQueries {

  List<IncidentState> all();

  Optional<IncidentState> find(String incidentId);
}
