package io.drautopilot.detector.config;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.detector.adapter.aws.AwsHealthProbe;
import io.drautopilot.detector.adapter.aws.BackupHealthProbe;
import io.drautopilot.detector.adapter.aws.CloudTrailBreachProbe;
import io.drautopilot.detector.adapter.aws.CloudWatchMetricsProbe;
import io.drautopilot.detector.adapter.http.AlertParser;
import io.drautopilot.detector.adapter.http.SnsMessageVerifier;
import io.drautopilot.detector.adapter.http.WebhookAuthenticator;
import io.drautopilot.detector.adapter.kafka.KafkaIncidentPublisher;
import io.drautopilot.detector.adapter.probe.HealthEndpointProbe;
import io.drautopilot.detector.adapter.probe.IntegritySampleProbe;
import io.drautopilot.detector.adapter.probe.ProbeHealth;
import io.drautopilot.detector.adapter.probe.ProbeScheduler;
import io.drautopilot.detector.adapter.probe.TableAvailabilityProbe;
import io.drautopilot.detector.adapter.schedule.MaintenanceScheduler;
import io.drautopilot.detector.domain.ClassificationRules;
import io.drautopilot.detector.domain.DetectionPolicy;
import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.IncidentPublisher;
import io.drautopilot.detector.domain.MaintenanceProcedure;
import io.drautopilot.detector.domain.MaintenanceRuns;
import io.drautopilot.detector.domain.MaintenanceTarget;
import io.drautopilot.detector.domain.Probe;
import io.drautopilot.integrity.RuleSet;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.http.RequestSizeLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the domain (rules, policy, detector) to its probes and to Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DetectorProperties.class)
public class DetectorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DetectorConfiguration.class);

  @Bean
  ClassificationRules classificationRules(DetectorProperties p) {
    if (p.rules().isEmpty()) {
      throw new IllegalStateException(
          "dr.detector.rules is empty: the classification table (classification-rules.yml) is missing");
    }
    return new ClassificationRules(
        p.rules().stream().map(DetectorProperties.Rule::toDomain).toList());
  }

  @Bean
  DetectionPolicy detectionPolicy(DetectorProperties p) {
    var c = p.correlation();
    return new DetectionPolicy(
        p.damping().consecutiveFailures(),
        p.damping().consecutiveSuccesses(),
        c.window(),
        c.minResources(),
        Set.copyOf(c.signals()),
        c.scenario(),
        c.severity(),
        Set.copyOf(c.evidenceSignals()),
        tablesByRegion(p.targets()));
  }

  /** The tables watched in each region (a region listed twice: both lists). */
  private static Map<String, List<String>> tablesByRegion(List<DetectorProperties.Target> targets) {
    Map<String, List<String>> byRegion = new LinkedHashMap<>();
    for (DetectorProperties.Target t : targets) {
      List<String> tables = new ArrayList<>(byRegion.getOrDefault(t.region(), List.of()));
      t.tables().stream().filter(x -> !tables.contains(x)).forEach(tables::add);
      byRegion.put(t.region(), List.copyOf(tables));
    }
    return byRegion;
  }

  @Bean
  IncidentDetector incidentDetector(
      ClassificationRules rules, DetectionPolicy policy, Clock clock) {
    return new IncidentDetector(rules, policy, clock, () -> UUID.randomUUID().toString());
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.restore.enabled:true}")
  io.drautopilot.detector.adapter.kafka.OpenProblemsLoader openProblemsLoader(
      @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
          String bootstrapServers,
      IncidentDetector detector,
      Clock clock,
      DetectorProperties p) {
    return new io.drautopilot.detector.adapter.kafka.OpenProblemsLoader(
        bootstrapServers, detector, clock, p.restore().grace(), p.restore().timeout());
  }

  @Bean
  IncidentPublisher incidentPublisher(
      EventPublisher publisher, EventMetadataFactory metadata, DetectorProperties p) {
    return new KafkaIncidentPublisher(publisher, metadata, p.detectorId());
  }

  @Bean
  DetectionService detectionService(IncidentDetector detector, IncidentPublisher publisher) {
    return new DetectionService(detector, publisher);
  }

  /** The {@code probes} health component and the blind-probe metrics. */
  @Bean("probes")
  ProbeHealth probeHealth(
      DetectorProperties p, Clock clock, io.micrometer.core.instrument.MeterRegistry registry) {
    return new ProbeHealth(clock, p.probes().blindAfter(), registry);
  }

  /**
   * The probes' DynamoDB clients, one per region, one attempt within {@code probe-timeout}: a probe
   * answers within its round and flap damping is its retry. A bean, so that whatever acts on the
   * tables the probes watch (the sandbox's drill faults) reaches the same endpoints.
   */
  @Bean(destroyMethod = "close")
  RegionalClients<DynamoDbClient> dynamoDbClients(AwsClientFactory aws, DetectorProperties p) {
    return aws.perRegion(
        DynamoDbClient::builder, "dynamodb", AwsClientFactory.singleAttempt(p.probeTimeout()));
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.probes.availability.enabled:true}")
  TableAvailabilityProbe tableAvailabilityProbe(
      DetectorProperties p, RegionalClients<DynamoDbClient> clients) {
    return new TableAvailabilityProbe(p.targets(), clients);
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.probes.integrity.enabled:true}")
  IntegritySampleProbe integritySampleProbe(
      DetectorProperties p, RegionalClients<DynamoDbClient> clients) {
    var i = p.probes().integrity();
    return new IntegritySampleProbe(
        p.targets(), clients, RuleSet.from(i.rules()), i.sampleSize(), i.maxInvalidRatio());
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.probes.cloudwatch.enabled:false}")
  CloudWatchMetricsProbe cloudWatchMetricsProbe(
      DetectorProperties p, AwsClientFactory aws, ProbeHealth probes) {
    return new CloudWatchMetricsProbe(p.targets(), p.probes().cloudwatch(), aws, probes);
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.probes.breach.enabled:false}")
  CloudTrailBreachProbe cloudTrailBreachProbe(
      DetectorProperties p, AwsClientFactory aws, ProbeHealth probes) {
    return new CloudTrailBreachProbe(p.targets(), p.probes().breach(), aws, probes);
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.probes.backup.enabled:false}")
  BackupHealthProbe backupHealthProbe(
      DetectorProperties p,
      RegionalClients<DynamoDbClient> clients,
      AwsClientFactory aws,
      ProbeHealth probes) {
    return new BackupHealthProbe(p.targets(), p.probes().backup(), clients, aws, probes);
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.probes.aws-health.enabled:false}")
  AwsHealthProbe awsHealthProbe(DetectorProperties p, AwsClientFactory aws, ProbeHealth probes) {
    return new AwsHealthProbe(p.targets(), p.probes().awsHealth(), aws, probes);
  }

  @Bean
  @ConditionalOnExpression("'${dr.detector.probes.health.url:}' != ''")
  HealthEndpointProbe healthEndpointProbe(DetectorProperties p) {
    return new HealthEndpointProbe(p.probes().health());
  }

  @Bean
  WebhookAuthenticator webhookAuthenticator(DetectorProperties p) {
    return new WebhookAuthenticator(p.webhooks());
  }

  @Bean
  SnsMessageVerifier snsMessageVerifier(DetectorProperties p) {
    return new SnsMessageVerifier(p.webhooks().sns());
  }

  /** Every webhook endpoint (alerts, maintenance runs) reads at most {@code webhooks.max-body-size}. */
  @Bean
  org.springframework.boot.web.servlet.FilterRegistrationBean<RequestSizeLimit> webhookSizeLimit(
      DetectorProperties p) {
    var registration =
        new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
            new RequestSizeLimit(
                p.webhooks().maxBodySize().toBytes(), "dr.detector.webhooks.max-body-size"));
    registration.addUrlPatterns("/alerts/*", "/maintenance/*");
    return registration;
  }

  @Bean
  AlertParser alertParser(DetectorProperties p) {
    return new AlertParser(p.webhooks(), p.targets());
  }

  @Bean
  ProbeScheduler probeScheduler(
      List<Probe> probes,
      DetectionService detection,
      Clock clock,
      DetectorProperties p,
      ProbeHealth probeHealth) {
    Duration confirm =
        p.damping().confirmInterval() != null
            ? p.damping().confirmInterval()
            : p.probeInterval().dividedBy(4);
    Duration timeout =
        p.probes().timeout() != null
            ? p.probes().timeout()
            : ProbeScheduler.defaultTimeout(p.probeInterval());
    return new ProbeScheduler(
        probes,
        detection,
        clock,
        p.probeInterval(),
        p.initialDelay(),
        confirm,
        timeout,
        probeHealth);
  }

  @Bean
  MaintenanceRuns maintenanceRuns(DetectorProperties p, IncidentPublisher publisher) {
    Map<MaintenanceProcedure, MaintenanceTarget> targets =
        new EnumMap<>(MaintenanceProcedure.class);
    for (MaintenanceProcedure procedure : MaintenanceProcedure.values()) {
      DetectorProperties.Procedure c = procedure(p.maintenance(), procedure);
      DetectorProperties.Target first = p.targets().isEmpty() ? null : p.targets().get(0);
      String table =
          notBlank(c.table())
              ? c.table()
              : first != null && !first.tables().isEmpty() ? first.tables().get(0) : null;
      String region =
          notBlank(c.region())
              ? c.region()
              : first != null && notBlank(first.region())
                  ? first.region()
                  : p.webhooks().defaultRegion();
      if (table != null) {
        targets.put(procedure, new MaintenanceTarget(region, table));
      }
    }
    return new MaintenanceRuns(targets, publisher, () -> UUID.randomUUID().toString());
  }

  @Bean
  @ConditionalOnExpression("${dr.detector.maintenance.enabled:true}")
  MaintenanceScheduler maintenanceScheduler(
      DetectorProperties p, MaintenanceRuns runs, Clock clock) {
    List<MaintenanceScheduler.Schedule> schedules = new ArrayList<>();
    for (MaintenanceProcedure procedure : MaintenanceProcedure.values()) {
      String cron = procedure(p.maintenance(), procedure).cron();
      if (!notBlank(cron) || cron.trim().equals("-")) {
        log.info(
            "{} is not scheduled (dr.detector.maintenance.{}.cron is off)",
            procedure.id(),
            procedure.id());
      } else if (runs.defaultTarget(procedure).isEmpty()) {
        log.warn(
            "{} is not scheduled: no table (set dr.detector.maintenance.{}.table or dr.detector.targets)",
            procedure.id(),
            procedure.id());
      } else {
        schedules.add(MaintenanceScheduler.Schedule.parse(procedure, cron));
      }
    }
    return new MaintenanceScheduler(
        schedules, runs, clock, ZoneId.of(p.maintenance().zone()), p.maintenance().checkInterval());
  }

  private static DetectorProperties.Procedure procedure(
      DetectorProperties.Maintenance m, MaintenanceProcedure p) {
    return switch (p) {
      case BACKUP_VERIFICATION -> m.backupVerification();
      case DR_DRILL -> m.drDrill();
    };
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
