package io.drautopilot.sandbox;

import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.audit.Ed25519Keys;
import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The drill's audit chain: a fresh Ed25519 key per drill, whose private half goes to the orchestrator only (it signs
 * each incident's chain head at close) and whose public half is written next to the report, so that anyone can
 * verify the incident's timeline later with nothing else. The timeline is verified from its raw Kafka values, each
 * read with its own writer schema, exactly as an auditor would.
 */
final class AuditTrail {

  /** The published public key, next to the incident's report. */
  static final String PUBLIC_KEY_FILE = "audit-public-key.pem";

  static final String SIGNING_KEY_PROPERTY = "dr.audit.signing-key";

  private final KeyPair pair;

  private AuditTrail(KeyPair pair) {
    this.pair = pair;
  }

  static AuditTrail generate() {
    return new AuditTrail(Ed25519Keys.generate());
  }

  /** The private key as base64 PKCS#8 DER (one line), for the orchestrator's configuration only. */
  String signingKey() {
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
  }

  PublicKey publicKey() {
    return pair.getPublic();
  }

  String keyId() {
    return Ed25519Keys.keyId(pair.getPublic());
  }

  /** Writes the public key (X.509 PEM, as {@code openssl pkey -pubout} does) into {@code dir}; returns the file. */
  Path publish(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(
        dir.resolve(PUBLIC_KEY_FILE), Ed25519Keys.pem(pair.getPublic()), StandardCharsets.US_ASCII);
  }

  /** The key pair stays out of every log line and message. */
  @Override
  public String toString() {
    return "Ed25519 signing key " + keyId();
  }

  /** Verifies an incident's timeline values (log order) against a published public key. */
  static Verification verify(List<byte[]> timelineValues, PublicKey publicKey) {
    return new IncidentVerifier(ChainVerifier.of(publicKey)).verifyEncoded(timelineValues);
  }

  /**
   * The incident's records of {@code dr.incidents.timeline} as written (committed ones only), in log order. The topic
   * is keyed by incident id, so one incident's records are in one partition.
   */
  static List<byte[]> timelineValues(String bootstrapServers, String incidentId) {
    try (KafkaConsumer<String, byte[]> consumer =
        SandboxKafka.reader(bootstrapServers, "sandbox-audit-")) {
      List<ConsumerRecord<String, byte[]>> ofIncident = new ArrayList<>();
      boolean read =
          SandboxKafka.readToEnd(
              consumer,
              Topics.INCIDENT_TIMELINE,
              Duration.ofSeconds(10),
              Duration.ofSeconds(30),
              r -> {
                if (incidentId.equals(r.key())) {
                  ofIncident.add(r);
                }
              });
      if (!read) {
        throw new IllegalStateException(
            "could not read " + Topics.INCIDENT_TIMELINE + " to its end within 30 s");
      }
      ofIncident.sort(
          Comparator.comparingInt((ConsumerRecord<String, byte[]> r) -> r.partition())
              .thenComparingLong(ConsumerRecord::offset));
      return ofIncident.stream().map(ConsumerRecord::value).toList();
    }
  }
}
