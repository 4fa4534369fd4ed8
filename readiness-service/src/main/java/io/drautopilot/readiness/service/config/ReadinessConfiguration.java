package io.drautopilot.readiness.service.config;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.readiness.Forecaster;
import io.drautopilot.readiness.ReadinessAssessor;
import io.drautopilot.readiness.ReadinessScore;
import io.drautopilot.readiness.RecoveryTargets;
import io.drautopilot.readiness.service.adapter.aws.DynamoDbTableDescriber;
import io.drautopilot.readiness.service.adapter.file.ProtectedResourcesFile;
import io.drautopilot.readiness.service.adapter.file.RunbookDocumentControl;
import io.drautopilot.readiness.service.adapter.kafka.AssessmentPublisher;
import io.drautopilot.readiness.service.adapter.kafka.EvidenceListener;
import io.drautopilot.readiness.service.adapter.kafka.ReadinessDropNotifier;
import io.drautopilot.readiness.service.adapter.metrics.ReadinessGauges;
import io.drautopilot.readiness.service.domain.AssessmentSink;
import io.drautopilot.readiness.service.domain.ProtectedTables;
import io.drautopilot.readiness.service.domain.ReadinessService;
import io.drautopilot.readiness.service.domain.RecoveryLog;
import io.drautopilot.readiness.service.domain.Runbooks;
import io.drautopilot.readiness.service.domain.Settings;
import io.drautopilot.readiness.service.domain.TableDescriber;
import io.drautopilot.readiness.service.domain.Trigger;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The readiness service's wiring: the model with the configured targets, its evidence sources and its sinks. */
@Configuration(proxyBeanMethods = false)
class ReadinessConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ReadinessConfiguration.class);

  @Bean
  ProtectedTables protectedTables(ReadinessProperties properties) {
    if (properties.protectedResourcesFile() == null
        || properties.protectedResourcesFile().isBlank()) {
      log.warn("dr.readiness.protected-resources-file is not set: no table to assess");
      return new ProtectedTables(List.of());
    }
    return ProtectedResourcesFile.read(Path.of(properties.protectedResourcesFile()));
  }

  @Bean(destroyMethod = "close")
  RegionalClients<DynamoDbClient> readinessDynamoDbClients(AwsClientFactory aws) {
    return new RegionalClients<>(
        region -> aws.client(DynamoDbClient.builder(), "dynamodb", region));
  }

  @Bean
  TableDescriber tableDescriber(RegionalClients<DynamoDbClient> clients, Clock clock) {
    return new DynamoDbTableDescriber(clients, clock);
  }

  /** The runbooks whose review dates are checked: the built-in ones on the classpath and the orchestrator's directory. */
  @Bean
  Runbooks runbooks(ReadinessProperties properties) {
    String directory = properties.runbooksDirectory();
    return RunbookDocumentControl.read(
        properties.runbooks(),
        directory == null || directory.isBlank() ? null : Path.of(directory));
  }

  @Bean
  RecoveryLog recoveryLog() {
    return new RecoveryLog();
  }

  @Bean
  ReadinessService readinessService(
      RecoveryLog recoveryLog,
      ProtectedTables tables,
      TableDescriber describer,
      ReadinessProperties p,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      MeterRegistry meters,
      Runbooks runbooks,
      Clock clock,
      @Value("${dr.aws.region:#{null}}") String awsRegion) {
    ReadinessAssessor assessor =
        new ReadinessAssessor(
            new Forecaster(),
            new RecoveryTargets(p.rtoTarget(), p.rpoTarget()),
            new ReadinessScore.Settings(
                p.verificationMaxAge(), p.drillMaxAge(), p.snapshotMaxAge()));
    Settings settings =
        new Settings(
            p.region() != null ? p.region() : awsRegion,
            p.detection(),
            p.beforeRestore(),
            p.afterRestore(),
            p.replicationLag(),
            p.scoreThreshold(),
            p.approvalGates(),
            p.approvers());
    List<AssessmentSink> sinks =
        new ArrayList<>(
            List.of(new ReadinessGauges(meters), new AssessmentPublisher(publisher, metadata)));
    if (p.notification().enabled()) {
      sinks.add(
          new ReadinessDropNotifier(
              publisher,
              metadata,
              p.notification().templateId(),
              Severity.valueOf(p.notification().severity()),
              p.notification().recipientRole()));
    }
    return new ReadinessService(
        recoveryLog, tables, describer, assessor, settings, sinks, runbooks, clock);
  }

  @Bean
  EvidenceListener evidenceListener(
      RecoveryLog recoveryLog, ReadinessService readiness, Clock clock) {
    return new EvidenceListener(recoveryLog, readiness, clock.instant());
  }

  @Bean
  ScheduledAssessment scheduledAssessment(ReadinessService readiness) {
    return new ScheduledAssessment(readiness);
  }

  /** The schedule: the first run after start-up (the log re-read by then), then every interval. */
  static class ScheduledAssessment {

    private final ReadinessService readiness;
    private boolean first = true;

    ScheduledAssessment(ReadinessService readiness) {
      this.readiness = readiness;
    }

    @Scheduled(
        initialDelayString = "${dr.readiness.initial-delay:30s}",
        fixedDelayString = "${dr.readiness.interval:15m}")
    void assess() {
      var kind = first ? Trigger.Kind.STARTUP : Trigger.Kind.SCHEDULE;
      first = false;
      try {
        readiness.assess(Trigger.of(kind));
      } catch (RuntimeException e) {
        log.warn("scheduled readiness assessment failed: {}", e.getMessage(), e);
      }
    }
  }
}
