package io.drautopilot.readiness.service.adapter.metrics;

import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.ReadinessAssessor.Assessment;
import io.drautopilot.readiness.ReadinessAssessor.TableAssessment;
import io.drautopilot.readiness.service.domain.AssessmentSink;
import io.drautopilot.readiness.service.domain.Settings;
import io.drautopilot.readiness.service.domain.Trigger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest assessment as Prometheus gauges: {@code dr.readiness.score{scope}} (OVERALL or a table),
 * {@code dr.readiness.forecast.rto.seconds{table,path,quantile}} (the whole runbook's RTO by that path at
 * P50 and P90) and {@code dr.readiness.forecast.rpo.seconds{table,path}} (-1 when the path has no restore
 * point).
 */
public class ReadinessGauges implements AssessmentSink {

  private final MeterRegistry meters;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

  public ReadinessGauges(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void accept(Assessment assessment, Trigger trigger, Settings settings) {
    set("dr.readiness.score", Tags.of("scope", "OVERALL"), assessment.score());
    for (TableAssessment t : assessment.tables()) {
      String table = t.evidence().table();
      set("dr.readiness.score", Tags.of("scope", table), t.score().score());
      for (PathAssessment p : t.paths()) {
        Tags tags = Tags.of("table", table, "path", p.path().name());
        set(
            "dr.readiness.forecast.rto.seconds",
            tags.and("quantile", "0.5"),
            p.rtoP50().toSeconds());
        set(
            "dr.readiness.forecast.rto.seconds",
            tags.and("quantile", "0.9"),
            p.rtoP90().toSeconds());
        set("dr.readiness.forecast.rpo.seconds", tags, p.rpo().map(r -> r.toSeconds()).orElse(-1L));
      }
    }
  }

  private void set(String name, Tags tags, long value) {
    values
        .computeIfAbsent(
            name + tags,
            k -> {
              AtomicLong holder = new AtomicLong();
              Gauge.builder(name, holder, AtomicLong::doubleValue).tags(tags).register(meters);
              return holder;
            })
        .set(value);
  }
}
