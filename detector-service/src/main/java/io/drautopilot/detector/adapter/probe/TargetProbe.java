package io.drautopilot.detector.adapter.probe;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe over the configured targets, cut into the parts a round runs concurrently: one per region for probes whose
 * one call covers the region's tables ({@link PerRegion}), one per table for probes that call once per table
 * ({@link PerTable}). Run whole, it runs its parts one after the other.
 */
public abstract class TargetProbe implements Probe {

  private final String name;
  protected final List<DetectorProperties.Target> targets;

  private TargetProbe(String name, List<DetectorProperties.Target> targets) {
    this.name = name;
    this.targets = targets;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Observation> probe(Instant now) {
    return parts().stream().flatMap(p -> p.run(now).stream()).toList();
  }

  /** One part per region: one call covers the region's tables. */
  public abstract static class PerRegion extends TargetProbe {

    protected PerRegion(String name, List<DetectorProperties.Target> targets) {
      super(name, targets);
    }

    @Override
    public List<Part> parts() {
      return targets.stream()
          .map(t -> new Part(name(), t.region(), null, now -> probeRegion(t, now)))
          .toList();
    }

    protected abstract List<Observation> probeRegion(DetectorProperties.Target target, Instant now);
  }

  /** One part per table: each makes its own calls. */
  public abstract static class PerTable extends TargetProbe {

    protected PerTable(String name, List<DetectorProperties.Target> targets) {
      super(name, targets);
    }

    @Override
    public List<Part> parts() {
      List<Part> parts = new ArrayList<>();
      for (DetectorProperties.Target target : targets) {
        String region = target.region();
        for (String table : target.tables()) {
          parts.add(new Part(name(), region, table, now -> probeTable(region, table, now)));
        }
      }
      return parts;
    }

    protected abstract List<Observation> probeTable(String region, String table, Instant now);
  }
}
