package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.audit.Ed25519Keys;
import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.operator.BreachSubjectsViewSubmitted;
import io.drautopilot.contracts.timeline.BreachSubjectsViewed;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Input;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The orchestrator, the timeline's one writer, keeps each incident's timeline as a signed hash chain. */
class ChainedTimelineTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final ChainSigner SIGNER = ChainSigner.of(Ed25519Keys.generate().getPrivate());

  @Test
  void shouldChainEveryTimelineRecordAndSignTheHeadWhenTheIncidentCloses() {
    try (OrchestratorDriver orchestrator = recoveredIncident("inc-chain")) {
      List<Sent> timeline = timelineOf(orchestrator, "inc-chain");

      Verification verification = verifier().verifyEncoded(encoded(timeline));

      assertThat(verification.status())
          .as(verification.summary())
          .isEqualTo(Verification.Status.VERIFIED);
      assertThat(verification.records()).isEqualTo(timeline.size()).isGreaterThan(10);
      assertThat(verification.unchainedRecords()).isZero();
      IncidentClosed closed = (IncidentClosed) timeline.get(timeline.size() - 1).value();
      assertThat(closed.getSigningKeyId()).isEqualTo(SIGNER.keyId());
      assertThat(closed.getChainHead())
          .isEqualTo(timeline.get(timeline.size() - 2).metadata().getChain().getHash());
      assertThat(timeline.get(0).metadata().getChain().getPreviousHash()).isEmpty();
    }
  }

  @Test
  void shouldNameTheChangedRecordWhenAStepDurationIsAlteredAfterwards() {
    try (OrchestratorDriver orchestrator = recoveredIncident("inc-tamper")) {
      List<Sent> timeline = timelineOf(orchestrator, "inc-tamper");
      int altered = indexOfFirst(timeline, StepSucceeded.class);
      ((StepSucceeded) timeline.get(altered).value()).setDurationMillis(1);

      Verification verification = verifier().verifyEncoded(encoded(timeline));

      assertThat(verification.status()).isEqualTo(Verification.Status.BROKEN);
      assertThat(verification.firstBrokenLink())
          .get()
          .extracting(Verification.BrokenLink::index)
          .isEqualTo(altered);
    }
  }

  @Test
  void shouldReproduceTheSameChainAndSignatureWhenTheInputsAreReplayed() {
    List<Input> inputs;
    List<String> original;
    try (OrchestratorDriver first = recoveredIncident("inc-replay")) {
      inputs = first.recordedInputs();
      original =
          timelineOf(first, "inc-replay").stream().map(s -> String.valueOf(s.value())).toList();
    }

    List<String> replayed;
    try (OrchestratorDriver second = new OrchestratorDriver(T0, new TimelineChain(SIGNER))) {
      inputs.forEach(i -> second.pipe(i.topic(), i.key(), i.value(), i.at()));
      replayed =
          timelineOf(second, "inc-replay").stream().map(s -> String.valueOf(s.value())).toList();
    }

    assertThat(replayed).containsExactlyElementsOf(original);
  }

  @Test
  void shouldStillChainButLeaveTheHeadUnsignedWhenNoKeyIsConfigured() {
    try (OrchestratorDriver orchestrator = new OrchestratorDriver(T0)) {
      orchestrator.detect(
          OrchestratorDriver.detection(
              "inc-unsigned",
              "fp-unsigned",
              Scenario.TABLE_CORRUPTION,
              Severity.P1,
              "candlefish-employee-setup-lean-prod-entities",
              T0.minus(Duration.ofMinutes(2)),
              T0));
      AllRunbooksHappyPathTest.answerEverythingUntilClosed(orchestrator, "inc-unsigned");
      List<Sent> timeline = timelineOf(orchestrator, "inc-unsigned");

      IncidentClosed closed = (IncidentClosed) timeline.get(timeline.size() - 1).value();
      assertThat(closed.getChainHead())
          .isEqualTo(timeline.get(timeline.size() - 2).metadata().getChain().getHash());
      assertThat(closed.getChainSignature()).isNull();
      assertThat(verifier().verifyEncoded(encoded(timeline)).status())
          .isNotEqualTo(Verification.Status.VERIFIED);
    }
  }

  @Test
  void shouldChainASecurityOfficersReadingOfTheSubjectsAndKeepAClosedIncidentsChainSealed() {
    try (OrchestratorDriver orchestrator = new OrchestratorDriver(T0, new TimelineChain(SIGNER))) {
      // given an open breach incident
      orchestrator.detect(
          OrchestratorDriver.detection(
              "inc-viewed",
              "fp-viewed",
              Scenario.SECURITY_BREACH,
              Severity.P1,
              "candlefish-employee-setup-lean-prod-entities",
              T0,
              T0));

      // when a security officer's reading reaches the engine
      orchestrator.pipe(Topics.OPERATOR_ACTIONS, "inc-viewed", viewed("inc-viewed", "sam.officer"));

      // then it is on the timeline, chained after what came before
      List<Sent> timeline = timelineOf(orchestrator, "inc-viewed");
      int at = indexOfFirst(timeline, BreachSubjectsViewed.class);
      BreachSubjectsViewed viewed = (BreachSubjectsViewed) timeline.get(at).value();
      assertThat(viewed.getViewedBy()).isEqualTo("sam.officer");
      assertThat(viewed.getSubjectNames()).containsExactly("principalName");
      assertThat(viewed.getMetadata().getChain().getPreviousHash())
          .isEqualTo(timeline.get(at - 1).metadata().getChain().getHash());
      assertThat(orchestrator.incident("inc-viewed").timeline)
          .anyMatch(
              n -> n.type().equals("BreachSubjectsViewed") && n.detail().contains("sam.officer"));

      // and once the incident is closed, a reading adds nothing after IncidentClosed
      orchestrator.cancel("inc-viewed", "dana");
      int closedSize = timelineOf(orchestrator, "inc-viewed").size();
      orchestrator.pipe(Topics.OPERATOR_ACTIONS, "inc-viewed", viewed("inc-viewed", "sol.officer"));
      List<Sent> after = timelineOf(orchestrator, "inc-viewed");
      assertThat(after).hasSize(closedSize);
      assertThat(after.get(after.size() - 1).value()).isInstanceOf(IncidentClosed.class);
      assertThat(verifier().verifyEncoded(encoded(after)).status())
          .isEqualTo(Verification.Status.VERIFIED);
    }
  }

  @Test
  void shouldKeepACancelledIncidentsChainSealedWhenAHandlersAnswerArrivesAfterTheClose() {
    try (OrchestratorDriver orchestrator = new OrchestratorDriver(T0, new TimelineChain(SIGNER))) {
      // given an incident cancelled while its first command is still with its handler
      orchestrator.detect(
          OrchestratorDriver.detection(
              "inc-late",
              "fp-late",
              Scenario.TABLE_CORRUPTION,
              Severity.P1,
              "candlefish-employee-setup-lean-prod-entities",
              T0,
              T0));
      orchestrator.cancel("inc-late", "dana");
      List<Sent> closed = timelineOf(orchestrator, "inc-late");
      assertThat(closed.get(closed.size() - 1).value()).isInstanceOf(IncidentClosed.class);

      // when the handler's answer arrives after the close
      orchestrator.succeed("notify-contacts");

      // then nothing follows IncidentClosed and the chain still verifies
      List<Sent> after = timelineOf(orchestrator, "inc-late");
      assertThat(after).hasSize(closed.size());
      assertThat(verifier().verifyEncoded(encoded(after)).status())
          .isEqualTo(Verification.Status.VERIFIED);
    }
  }

  private static BreachSubjectsViewSubmitted viewed(String incidentId, String who) {
    return BreachSubjectsViewSubmitted.newBuilder()
        .setMetadata(OrchestratorDriver.meta(incidentId, T0.plusSeconds(5)))
        .setViewedBy(who)
        .setSubjectNames(List.of("principalName"))
        .setReadPath("/api/incidents/" + incidentId)
        .build();
  }

  private static OrchestratorDriver recoveredIncident(String incidentId) {
    OrchestratorDriver orchestrator = new OrchestratorDriver(T0, new TimelineChain(SIGNER));
    orchestrator.detect(
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            Scenario.TABLE_CORRUPTION,
            Severity.P1,
            "candlefish-employee-setup-lean-prod-entities",
            T0.minus(Duration.ofMinutes(2)),
            T0));
    AllRunbooksHappyPathTest.answerEverythingUntilClosed(orchestrator, incidentId);
    return orchestrator;
  }

  private static IncidentVerifier verifier() {
    return new IncidentVerifier(SIGNER.verifier());
  }

  private static List<Sent> timelineOf(OrchestratorDriver orchestrator, String incidentId) {
    return orchestrator.timeline().stream().filter(s -> incidentId.equals(s.key())).toList();
  }

  private static List<byte[]> encoded(List<Sent> timeline) {
    List<byte[]> values = new ArrayList<>();
    timeline.forEach(s -> values.add(EventCodec.shared().encode(s.value())));
    return values;
  }

  private static int indexOfFirst(List<Sent> timeline, Class<?> type) {
    for (int i = 0; i < timeline.size(); i++) {
      if (type.isInstance(timeline.get(i).value())) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the timeline");
  }
}
