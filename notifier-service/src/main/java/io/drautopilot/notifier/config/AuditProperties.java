package io.drautopilot.notifier.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.audit.*} as the notifier reads it: the published Ed25519 public keys that chain heads are
 * signed with (the orchestrator signs with the private key, {@code dr.audit.signing-key(-file)}, which
 * the notifier never needs). Several keys are allowed so incidents signed before a rotation still
 * verify. With none, reports check the chain's links and say the signature was not checked.
 *
 * @param publicKeys     X.509 PEM ({@code PUBLIC KEY}) or base64 DER, inline
 * @param publicKeyFiles files holding published public keys (PEM), e.g. a mounted config map
 */
@ConfigurationProperties("dr.audit")
public record AuditProperties(
    @DefaultValue List<String> publicKeys, @DefaultValue List<Path> publicKeyFiles) {

  public AuditProperties {
    publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
    publicKeyFiles = publicKeyFiles == null ? List.of() : List.copyOf(publicKeyFiles);
  }
}
