package io.drautopilot.detector.domain;

import java.time.Instant;
import java.util.List;

/** One kind of check, run once per probe round over everything it watches. */
public interface Probe {

  String name();

  /**
   * Runs the check. A probe that cannot tell (a capability missing in this environment) returns nothing for that
   * resource rather than a failure; an exception means the probe itself is broken and is logged, not classified.
   */
  List<Observation> probe(Instant now);
}
