package io.drautopilot.notifier.config;

import io.drautopilot.audit.ArchiveStore;
import io.drautopilot.audit.IncidentArchive;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.adapter.audit.IncidentArchiver;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.adapter.channel.PagerDutyChannel;
import io.drautopilot.notifier.adapter.channel.SlackChannel;
import io.drautopilot.notifier.adapter.channel.SmtpChannel;
import io.drautopilot.notifier.adapter.channel.SnsChannel;
import io.drautopilot.notifier.adapter.channel.SnsSmsChannel;
import io.drautopilot.notifier.adapter.channel.WebhookChannel;
import io.drautopilot.notifier.adapter.file.ReportDirectory;
import io.drautopilot.notifier.adapter.http.IncidentReportController;
import io.drautopilot.notifier.adapter.kafka.AvailabilityFromLog;
import io.drautopilot.notifier.adapter.kafka.GenerateIncidentReportHandler;
import io.drautopilot.notifier.adapter.kafka.IncidentLogProjection;
import io.drautopilot.notifier.adapter.kafka.IncidentSubjects;
import io.drautopilot.notifier.adapter.kafka.NotifyContactsHandler;
import io.drautopilot.notifier.adapter.kafka.ReadinessAssessmentsListener;
import io.drautopilot.notifier.adapter.kafka.ReportContext;
import io.drautopilot.notifier.adapter.metrics.AvailabilityGauges;
import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.Contact;
import io.drautopilot.notifier.domain.EscalationLevel;
import io.drautopilot.notifier.domain.MessageTemplate;
import io.drautopilot.notifier.domain.NotificationPolicy;
import io.drautopilot.notifier.domain.NotificationService;
import io.drautopilot.notifier.domain.Redactor;
import io.drautopilot.notifier.domain.RetryPolicy;
import io.drautopilot.notifier.domain.Route;
import io.drautopilot.notifier.domain.Sleeper;
import io.drautopilot.notifier.domain.report.ReadinessHistory;
import io.drautopilot.notifier.domain.report.ReportTargets;
import io.drautopilot.snapshots.SnapshotS3Clients;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** Wires the notification domain to its channels and to Kafka, from {@code dr.notifier.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotifierProperties.class, AuditProperties.class})
public class NotifierConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

  @Bean
  NotificationPolicy notificationPolicy(NotifierProperties p) {
    return policyOf(p);
  }

  /** The policy from configuration, the runbook's tables where nothing is configured. */
  public static NotificationPolicy policyOf(NotifierProperties p) {
    Map<String, Contact> contacts = new LinkedHashMap<>();
    (p.contacts().isEmpty() ? RunbookDefaults.contacts() : p.contacts())
        .forEach(
            c ->
                contacts.put(
                    c.role(),
                    new Contact(
                        c.role(), c.primary(), c.secondary(), c.phone(), c.email(), c.roles())));
    List<EscalationLevel> levels =
        (p.escalation().isEmpty() ? RunbookDefaults.escalation() : p.escalation())
            .stream()
                .map(
                    l ->
                        new EscalationLevel(
                            l.level(),
                            l.target(),
                            List.copyOf(l.roles()),
                            l.fromMinutes(),
                            l.toMinutes()))
                .toList();
    List<Route> routes =
        (p.routes().isEmpty() ? RunbookDefaults.routes() : p.routes())
            .stream()
                .map(
                    r ->
                        new Route(
                            r.name(),
                            Set.copyOf(r.severities()),
                            Set.copyOf(r.scenarios()),
                            Set.copyOf(r.levels()),
                            List.copyOf(r.channels()),
                            List.copyOf(r.extraRoles())))
                .toList();
    return new NotificationPolicy(contacts, levels, routes, List.copyOf(p.defaultChannels()));
  }

  @Bean
  Redactor redactor(NotifierProperties p) {
    NotifierProperties.Channels c = p.channels();
    List<String> secrets = new ArrayList<>();
    secrets.add(c.slack().url());
    secrets.add(c.slack().token());
    secrets.add(c.webhook().url());
    secrets.add(c.webhook().token());
    secrets.add(c.pagerduty().routingKey());
    secrets.add(c.email().password());
    return new Redactor(secrets);
  }

  /** Lazy: built only when the SNS or SMS channel is enabled; the region defaults to the topic ARN's. */
  @Bean(destroyMethod = "close")
  @Lazy
  SnsClient notifierSnsClient(AwsClientFactory aws, NotifierProperties p) {
    NotifierProperties.Sns sns = p.channels().sns();
    String region = sns.region() != null ? sns.region() : aws.properties().getRegion();
    if (region == null) {
      String[] arn = sns.topicArn().split(":");
      region = arn.length > 3 && !arn[3].isBlank() ? arn[3] : "us-east-1";
    }
    return aws.client(SnsClient.builder(), "sns", region);
  }

  @Bean
  NotificationService notificationService(
      NotifierProperties p,
      NotificationPolicy policy,
      ObjectProvider<SnsClient> sns,
      Redactor redactor,
      Clock clock) {
    NotifierProperties.Channels c = p.channels();
    List<String> known = List.of("email", "sns", "sms", "slack", "pagerduty", "webhook");
    for (String name : c.confidential()) {
      if (!known.contains(name)) {
        throw new IllegalStateException(
            "dr.notifier.channels.confidential: unknown channel '"
                + name
                + "' (channels: "
                + known
                + ")");
      }
    }
    List<Channel> channels = new ArrayList<>();
    if (c.email().enabled()) {
      NotifierProperties.Email e = c.email();
      channels.add(
          new SmtpChannel(
              e.host(), e.port(), e.username(), e.password(), e.startTls(), e.from(), c.timeout()));
    }
    if (c.sns().enabled()) {
      channels.add(new SnsChannel(sns.getObject(), c.sns().topicArn()));
    }
    if (c.sms().enabled()) {
      channels.add(new SnsSmsChannel(sns.getObject()));
    }
    if (c.slack().enabled()) {
      channels.add(new SlackChannel(c.slack().url(), c.timeout()));
    }
    if (c.pagerduty().enabled()) {
      channels.add(
          new PagerDutyChannel(
              c.pagerduty().url(),
              c.pagerduty().routingKey(),
              c.pagerduty().source(),
              c.timeout()));
    }
    if (c.webhook().enabled()) {
      channels.add(new WebhookChannel(c.webhook().url(), c.webhook().token(), c.timeout()));
    }
    log.info("notification channels enabled: {}", channels.stream().map(Channel::name).toList());
    Map<String, MessageTemplate> templates = templatesOf(p);
    NotifierProperties.Retry r = p.retry();
    log.info("channels that carry breach subjects unmasked: {}", c.confidential());
    return new NotificationService(
        policy,
        templates,
        channels,
        new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.multiplier(), r.maxBackoff()),
        Sleeper.REAL,
        redactor,
        clock,
        c.confidential());
  }

  /** The runbook's templates, overridden or extended by {@code dr.notifier.templates.<id>}. */
  public static Map<String, MessageTemplate> templatesOf(NotifierProperties p) {
    Map<String, MessageTemplate> templates = new LinkedHashMap<>();
    RunbookDefaults.templates()
        .forEach((id, t) -> templates.put(id, new MessageTemplate(id, t.subject(), t.body())));
    p.templates()
        .forEach((id, t) -> templates.put(id, new MessageTemplate(id, t.subject(), t.body())));
    return templates;
  }

  @Bean
  ReportTargets reportTargets(NotifierProperties p) {
    NotifierProperties.Report r = p.report();
    return new ReportTargets(
        r.rtoTarget(), r.rpoTarget(), r.backupRestoreTarget(), r.drillRecoveryTarget());
  }

  /** The published public keys the timeline's signed chain heads are checked with ({@code dr.audit.*}). */
  @Bean
  TimelineAudit timelineAudit(AuditProperties audit) {
    TimelineAudit timelineAudit =
        TimelineAudit.fromConfiguration(audit.publicKeys(), audit.publicKeyFiles());
    if (!timelineAudit.keysConfigured()) {
      log.info(
          "no public key configured (dr.audit.public-keys, dr.audit.public-key-files): reports check the"
              + " timeline's hash chain but not the signature over its head");
    }
    return timelineAudit;
  }

  @Bean
  IncidentLogProjection incidentLogProjection(
      NotifierProperties p,
      KafkaProperties kafka,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<IncidentArchiver> archiver) {
    NotifierProperties.Projection projection = p.report().projection();
    if (isBlank(p.archive().location())) {
      log.info("incident archiving is off: dr.notifier.archive.location is not set");
    }
    return new IncidentLogProjection(
        p.report().logTopics(),
        IncidentLogProjection.settings(
            projection.applicationId(),
            projection.instanceId(),
            String.join(",", kafka.getBootstrapServers()),
            projection.stateDir().toString(),
            projection.commitInterval(),
            projection.replicationFactor()),
        meters.getIfAvailable(),
        incidentId -> archiver.ifAvailable(a -> a.incidentClosed(incidentId)));
  }

  /** Lazy: built only for an {@code s3://} archive location. */
  @Bean(destroyMethod = "close")
  @Lazy
  S3Client archiveS3Client(AwsClientFactory aws, NotifierProperties p) {
    return SnapshotS3Clients.create(aws, p.archive().region());
  }

  /** Only with {@code dr.notifier.archive.location}; the projection is lazy here because it calls back. */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("!'${dr.notifier.archive.location:}'.isBlank()")
  IncidentArchiver incidentArchiver(
      NotifierProperties p,
      @Lazy IncidentLogProjection projection,
      ReportTargets targets,
      TimelineAudit audit,
      ObjectProvider<S3Client> s3,
      ObjectProvider<MeterRegistry> meters) {
    NotifierProperties.Archive a = p.archive();
    ArchiveStore store = ArchiveStore.at(a.location(), s3::getObject);
    log.info("closed incidents are archived to {}", store.uri());
    if (!audit.keysConfigured()) {
      log.warn(
          "archiving without a public key (dr.audit.public-keys): each manifest's chain status will name the"
              + " signing key as untrusted; the archived records and their chain are kept all the same");
    }
    return new IncidentArchiver(
        new IncidentArchive(store, audit.verifier(), Clock.systemUTC()),
        store,
        projection::records,
        targets,
        audit,
        p.report().mermaidScriptUrl(),
        new IncidentArchiver.Backoff(
            a.settleTime(), a.initialBackoff(), a.multiplier(), a.maxBackoff()),
        meters.getIfAvailable());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Bean
  ReadinessHistory readinessHistory(NotifierProperties p) {
    return new ReadinessHistory(p.report().readinessHistoryPerScope());
  }

  @Bean
  ReadinessAssessmentsListener readinessAssessmentsListener(ReadinessHistory history) {
    return new ReadinessAssessmentsListener(history);
  }

  @Bean
  AvailabilityFromLog availabilityFromLog(
      IncidentLogProjection projection, NotifierProperties p, Clock clock) {
    return new AvailabilityFromLog(
        projection::impactWindows, p.report().availabilityTarget(), clock);
  }

  @Bean
  ReportContext reportContext(AvailabilityFromLog availability, ReadinessHistory readiness) {
    return new ReportContext(availability, readiness);
  }

  /** The current month's availability as gauges, for the SLA dashboard and its alert. */
  @Bean
  AvailabilityGauges availabilityGauges(
      AvailabilityFromLog availability,
      ObjectProvider<MeterRegistry> meters,
      NotifierProperties p,
      Clock clock) {
    AvailabilityGauges gauges = new AvailabilityGauges(availability::currentMonth, clock);
    meters.ifAvailable(m -> gauges.bindTo(m, p.report().availabilityTarget()));
    return gauges;
  }

  @Bean
  GenerateIncidentReportHandler generateIncidentReportHandler(
      IncidentLogProjection projection,
      NotifierProperties p,
      ReportTargets targets,
      TimelineAudit audit,
      ReportContext context) {
    log.info(
        "incident reports are written under {}",
        p.report().directory().toAbsolutePath().normalize());
    return new GenerateIncidentReportHandler(
        projection,
        new ReportDirectory(p.report().directory()),
        targets,
        p.report().catchUpTimeout(),
        p.report().mermaidScriptUrl(),
        audit,
        context);
  }

  @Bean
  IncidentReportController incidentReportController(
      IncidentLogProjection projection,
      ReportTargets targets,
      NotifierProperties p,
      TimelineAudit audit,
      ReportContext context) {
    return new IncidentReportController(
        projection, targets, p.report().mermaidScriptUrl(), audit, context);
  }

  @Bean
  NotifyContactsHandler notifyContactsHandler(
      NotificationService notifications,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      @Lazy IncidentLogProjection projection,
      NotifierProperties p) {
    return new NotifyContactsHandler(
        notifications,
        publisher,
        metadata,
        IncidentSubjects.fromLog(projection, p.report().catchUpTimeout()));
  }
}
