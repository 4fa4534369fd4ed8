package io.drautopilot.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.orchestrator.adapter.kafka.AvroMapping;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorRoutes;
import io.drautopilot.orchestrator.engine.Effect;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.Inputs;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The escalation matrix is configuration: {@code dr.orchestrator.escalation[i].level/after/target}
 * replaces the seed's 0/15/30/60 minutes, and {@code escalation-action} names the paging action.
 */
class EscalationPropertiesTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");

  final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(OrchestratorConfiguration.class)
          .withPropertyValues(
              "dr.orchestrator.streams.enabled=false", "dr.orchestrator.ticker-enabled=false")
          // the routes of the service's own application.yml, so its runbooks load whatever handlers
          // it routes
          .withPropertyValues(OrchestratorRoutes.asProperties());

  @Test
  void shouldEscalateByTheConfiguredMatrixInsteadOfTheSeedOne() {
    context
        .withPropertyValues(
            "dr.orchestrator.escalation[0].level=1",
            "dr.orchestrator.escalation[0].after=0s",
            "dr.orchestrator.escalation[0].target=Primary on-call",
            "dr.orchestrator.escalation[1].level=2",
            "dr.orchestrator.escalation[1].after=5m",
            "dr.orchestrator.escalation[1].target=Storage SRE lead")
        .run(
            ctx -> {
              // given the bound properties
              OrchestratorProperties props = ctx.getBean(OrchestratorProperties.class);
              assertThat(props.escalation())
                  .extracting(OrchestratorProperties.Level::target)
                  .containsExactly("Primary on-call", "Storage SRE lead");
              assertThat(props.escalation().get(1).after()).isEqualTo(Duration.ofMinutes(5));

              // when an incident stays unacknowledged for four, then five minutes
              List<EscalationRaised> raised = escalations(ctx.getBean(RunbookEngine.class), 4, 5);

              // then the configured levels page, at the configured times
              assertThat(raised).extracting(EscalationRaised::getLevel).containsExactly(1, 2);
              assertThat(raised)
                  .extracting(EscalationRaised::getTarget)
                  .containsExactly("Primary on-call", "Storage SRE lead");
              assertThat(raised.get(1).getMetadata().getOccurredAt())
                  .isEqualTo(T0.plus(Duration.ofMinutes(5)));
            });
  }

  @Test
  void shouldKeepTheSeedMatrixWhenNoneIsConfigured() {
    context.run(
        ctx -> {
          List<EscalationRaised> raised = escalations(ctx.getBean(RunbookEngine.class), 5, 15);

          assertThat(raised)
              .extracting(EscalationRaised::getTarget)
              .containsExactly("On-call Engineer", "Database Team Lead");
          assertThat(raised.get(1).getMetadata().getOccurredAt())
              .isEqualTo(T0.plus(Duration.ofMinutes(15)));
        });
  }

  /** Escalations of a table-corruption incident opened at T0 and never acknowledged, with ticks at these minutes. */
  private static List<EscalationRaised> escalations(RunbookEngine engine, int... tickMinutes) {
    IncidentState state = new IncidentState();
    List<Effect> effects =
        new ArrayList<>(
            engine.open(
                state,
                AvroMapping.detection(
                    OrchestratorDriver.detection(
                        "inc-esc",
                        "fp-esc",
                        Scenario.TABLE_CORRUPTION,
                        Severity.P1,
                        "entities",
                        T0,
                        T0))));
    for (int minute : tickMinutes) {
      effects.addAll(
          engine.onTick(
              state, new Inputs.Tick("tick-" + minute, T0.plus(Duration.ofMinutes(minute)))));
    }
    // the matrix's pages only: a P1 unresolved at 15 min is also paged as RTO at risk
    return effects.stream()
        .<EscalationRaised>mapMulti(
            (e, raised) -> {
              if (e instanceof Effect.Timeline t && t.fact() instanceof EscalationRaised r) {
                raised.accept(r);
              }
            })
        .filter(r -> r.getCause() != EscalationCause.RTO_AT_RISK)
        .toList();
  }
}
