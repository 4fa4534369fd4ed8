package io.drautopilot.orchestrator.config;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.orchestrator.adapter.http.IncidentQueries;
import io.drautopilot.orchestrator.adapter.http.IncidentRouting;
import io.drautopilot.orchestrator.adapter.http.UnavailableIncidentQueries;
import io.drautopilot.orchestrator.adapter.kafka.AvroMapping;
import io.drautopilot.orchestrator.adapter.kafka.ClockTicker;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.adapter.kafka.DeadLetterDeserializationHandler;
import io.drautopilot.orchestrator.adapter.kafka.DeadLetterProcessingHandler;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorStreams;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorTopology;
import io.drautopilot.orchestrator.adapter.kafka.StoreIncidentQueries;
import io.drautopilot.orchestrator.adapter.kafka.StreamsDeadLetters;
import io.drautopilot.orchestrator.adapter.kafka.TimelineChain;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires runbooks, engine, topology and ticker from {@link OrchestratorProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrchestratorProperties.class)
public class OrchestratorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(OrchestratorConfiguration.class);

  /** Before everything else, security included: a body over the limit is never read. */
  @Bean
  org.springframework.boot.web.servlet.FilterRegistrationBean<
          io.drautopilot.messaging.http.RequestSizeLimit>
      requestSizeLimit(OrchestratorProperties props) {
    var registration =
        new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
            new io.drautopilot.messaging.http.RequestSizeLimit(
                props.maxRequestSize().toBytes(), "dr.orchestrator.max-request-size"));
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  ContractActionCatalog actionCatalog(OrchestratorProperties props) {
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.putAll(props.routes());
    return new ContractActionCatalog(ContractCatalog.shared(), routes);
  }

  /** Loads and validates every runbook; an invalid one stops start-up with file, location and reason. */
  @Bean
  RunbookRegistry runbookRegistry(ContractActionCatalog actions, OrchestratorProperties props) {
    RunbookRegistry registry =
        RunbookFiles.load(
            runbookLoader(actions, props),
            RunbookFiles.read("runbooks", props.runbooksDirectory()));
    // A stale runbook still runs (refusing it would leave an incident with none), but it is a
    // finding.
    registry
        .reviewFindings(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
        .forEach(f -> log.warn("readiness finding: {}", f));
    return registry;
  }

  @Bean
  RunbookLoader runbookLoader(ContractActionCatalog actions, OrchestratorProperties props) {
    return new RunbookLoader(actions, props.variables(), props.timeScale());
  }

  /** The protected tables the runbooks' per-table steps act on; an invalid catalogue stops start-up naming file and field. */
  @Bean
  ProtectedResources protectedResources(OrchestratorProperties props) {
    ProtectedResources resources = RunbookFiles.protectedResources(props.protectedResourcesFile());
    log.info(
        "protected resources from {}: {}",
        resources.file(),
        resources.tables().stream().map(ProtectedResources.Table::table).toList());
    return resources;
  }

  @Bean
  RunbookEngine runbookEngine(
      RunbookRegistry registry, OrchestratorProperties props, ProtectedResources resources) {
    EngineSettings settings = EngineSettings.defaults();
    if (!props.escalation().isEmpty()) {
      settings =
          new EngineSettings(
              props.escalation().stream()
                  .map(l -> new EngineSettings.EscalationLevel(l.level(), l.after(), l.target()))
                  .toList(),
              props.escalationAction());
    } else {
      settings = new EngineSettings(settings.escalation(), props.escalationAction());
    }
    return new RunbookEngine(registry, engineSettings(settings, props), resources);
  }

  /** The severities' targets, the re-page interval, the P4 calendar and the link base from properties, over the seed's. */
  static EngineSettings engineSettings(EngineSettings base, OrchestratorProperties props) {
    Map<String, EngineSettings.Target> targets =
        new java.util.TreeMap<>(EngineSettings.seedTargets());
    props
        .severities()
        .forEach(
            (name, t) -> {
              String severity = name.toUpperCase(java.util.Locale.ROOT);
              EngineSettings.Target seed = targets.get(severity);
              if (seed == null) {
                throw new IllegalStateException(
                    "dr.orchestrator.severities."
                        + name
                        + ": unknown severity, expected P1, P2, P3 or P4");
              }
              targets.put(
                  severity,
                  new EngineSettings.Target(
                      t.rto() == null ? seed.rto() : t.rto(),
                      t.respondWithin() == null ? seed.respondWithin() : t.respondWithin()));
            });
    OrchestratorProperties.BusinessHours h = props.businessHours();
    if (!h.end().isAfter(h.start())) {
      throw new IllegalStateException(
          "dr.orchestrator.business-hours.end: " + h.end() + " is not after start " + h.start());
    }
    return base.withTargets(Map.copyOf(targets), props.failedRepageEvery())
        .withBusinessHours(
            new EngineSettings.BusinessHours(
                java.util.Set.copyOf(h.days()), h.start(), h.end(), h.zone()))
        .withIncidentLinkBase(props.publicUrl());
  }

  @Bean
  AvroMapping avroMapping(ContractActionCatalog actions) {
    return new AvroMapping(actions);
  }

  /** The producer of the topology's dead letters (closed after the topology has stopped). */
  @Bean
  @ConditionalOnProperty(value = "dr.orchestrator.streams.enabled", matchIfMissing = true)
  StreamsDeadLetters streamsDeadLetters(
      OrchestratorProperties props, KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
    return StreamsDeadLetters.to(
        String.join(",", kafka.getBootstrapServers()),
        meters.getIfAvailable(),
        props.streams().applicationId());
  }

  @Bean
  @ConditionalOnProperty(value = "dr.orchestrator.streams.enabled", matchIfMissing = true)
  OrchestratorStreams orchestratorStreams(
      RunbookEngine engine,
      AvroMapping mapping,
      OrchestratorProperties props,
      KafkaProperties kafka,
      StreamsDeadLetters deadLetters,
      TimelineChain chain) {
    OrchestratorProperties.Streams s = props.streams();
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    // Consuming a result, updating the incident and emitting the next command commit together.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) s.commitInterval().toMillis());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, s.replicationFactor());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.numStreamThreads());
    if (s.advertisedEndpoint() != null && !s.advertisedEndpoint().isBlank()) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s.advertisedEndpoint());
    }
    // A record that cannot be decoded or applied goes to <topic>.dlt with the reason; the rest keep
    // flowing.
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class);
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    p.put(StreamsDeadLetters.CONFIG, deadLetters);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    p.putAll(OrchestratorTopology.latencySettings());
    p.put(OrchestratorTopology.EARLY_COMMIT_SPACING_MS, s.earlyCommitSpacing().toMillis());
    return new OrchestratorStreams(
        OrchestratorTopology.build(engine, mapping, props.closedIncidentRetention(), chain), p);
  }

  /**
   * The timeline's hash chain, its head signed at close with the Ed25519 key given inline
   * ({@code dr.audit.signing-key}, e.g. from a secret in the environment) or as a mounted file
   * ({@code dr.audit.signing-key-file}); with neither, the chain is kept but the head is unsigned.
   */
  @Bean
  TimelineChain timelineChain(
      @Value("${dr.audit.signing-key:}") String signingKey,
      @Value("${dr.audit.signing-key-file:}") String signingKeyFile) {
    if (signingKey.isBlank() && signingKeyFile.isBlank()) {
      log.warn(
          "no dr.audit.signing-key(-file): incident timelines are hash-chained but their heads are not signed");
      return TimelineChain.unsigned();
    }
    try {
      ChainSigner signer = ChainSigner.fromConfiguration(signingKey, signingKeyFile);
      log.info("incident timelines are signed at close with key {}", signer.keyId());
      return new TimelineChain(signer);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "dr.audit.signing-key"
              + (signingKeyFile.isBlank() ? "" : "-file (" + signingKeyFile + ")")
              + ": not a usable Ed25519 private key: "
              + e.getMessage(),
          e);
    }
  }

  @Bean
  @ConditionalOnProperty(value = "dr.orchestrator.streams.enabled", matchIfMissing = true)
  StoreIncidentQueries incidentQueries(OrchestratorStreams streams) {
    return new StoreIncidentQueries(streams);
  }

  /** Requests about an incident held by another instance are sent there (see IncidentRouting). */
  @Bean
  @ConditionalOnProperty(value = "dr.orchestrator.streams.enabled", matchIfMissing = true)
  IncidentRouting incidentRouting(StoreIncidentQueries queries) {
    return new IncidentRouting(
        queries,
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .build(),
        java.time.Duration.ofSeconds(10));
  }

  /** Without the topology there is no incident store: incident queries answer 503 with the reason. */
  @Bean
  @ConditionalOnProperty(value = "dr.orchestrator.streams.enabled", havingValue = "false")
  IncidentQueries unavailableIncidentQueries() {
    return new UnavailableIncidentQueries();
  }

  @Bean
  @ConditionalOnProperty(value = "dr.orchestrator.ticker-enabled", matchIfMissing = true)
  @SuppressWarnings({"unchecked", "rawtypes"})
  ClockTicker clockTicker(
      KafkaTemplate<?, ?> template, EventMetadataFactory metadata, OrchestratorProperties props) {
    return new ClockTicker((KafkaTemplate) template, metadata, props.tickInterval());
  }
}
