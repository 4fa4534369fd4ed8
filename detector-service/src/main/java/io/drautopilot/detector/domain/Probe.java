package io.drautopilot.detector.domain;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** One kind of check, run once per probe round over everything it watches. */
public interface Probe {

  String name();

  /**
   * Runs the check. A probe that cannot tell (a capability missing in this environment) returns nothing for that
   * resource rather than a failure; an exception means the probe itself is broken and is logged, not classified.
   */
  List<Observation> probe(Instant now);

  /**
   * The probe's independent parts, which a round runs concurrently, each within the probe timeout: one per table for
   * probes that call once per table, so twenty tables cost one call's time, not twenty. Fixed for the probe's life
   * (the targets do not change while it runs). Default: the whole probe as one part.
   */
  default List<Part> parts() {
    return List.of(new Part(name(), "*", null, this::probe));
  }

  /**
   * One independently runnable part of a probe.
   *
   * @param region the region it looks at ({@code *}: all of them), which names it in health and metrics
   * @param resource the table it looks at, or null when it covers a whole region
   */
  record Part(
      String probe, String region, String resource, Function<Instant, List<Observation>> check) {

    public List<Observation> run(Instant now) {
      return check.apply(now);
    }
  }
}
