package io.drautopilot.orchestrator.adapter.http;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Read access to the incidents the orchestrator holds. */
public interface IncidentQueries {

  /** The incidents this instance holds. */
  List<IncidentState> all();

  /** The incident if this instance holds it. */
  Optional<IncidentState> find(String incidentId);

  /** The base URI ({@code http://host:port}) of the other instance holding the incident, if it is not this one. */
  default Optional<URI> elsewhere(String incidentId) {
    return Optional.empty();
  }

  /** The base URIs of the other instances, each holding the incidents of its partitions. */
  default List<URI> otherInstances() {
    return List.of();
  }
}
