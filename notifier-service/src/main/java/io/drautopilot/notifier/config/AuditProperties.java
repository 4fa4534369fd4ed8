package io.drautopilot.notifier.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dr.audit.*} as the notifier reads it: the published Ed25519 public keys that chain heads are
 * signed with (the orchestrator signs with the private key, {@code dr.audit.signing-key(-file)}, which
 * the notifier never needs). Several keys are allowed so incidents signed before a rotation still
 * verify. With none, reports check the chain's links and say the signature was not checked.
 */
@ConfigurationProperties("dr.audit")
public class AuditProperties {

  /** X.509 PEM ({@code PUBLIC KEY}) or base64 DER, inline. */
  private List<String> publicKeys = new ArrayList<>();

  /** Files holding published public keys (PEM), e.g. a mounted config map. */
  private List<Path> publicKeyFiles = new ArrayList<>();

  public List<String> getPublicKeys() {
    return publicKeys;
  }

  public void setPublicKeys(List<String> publicKeys) {
    this.publicKeys = publicKeys;
  }

  public List<Path> getPublicKeyFiles() {
    return publicKeyFiles;
  }

  public void setPublicKeyFiles(List<Path> publicKeyFiles) {
    this.publicKeyFiles = publicKeyFiles;
  }
}
