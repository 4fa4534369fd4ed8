package io.drautopilot.console.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.audit.*}, as every reader of the timeline takes it: the published Ed25519 public keys
 * chain heads are signed with (several after a rotation). None: links are checked, signatures not.
 *
 * @param publicKeys     X.509 PEM or base64 DER, inline
 * @param publicKeyFiles files holding them, e.g. a mounted ConfigMap
 */
@ConfigurationProperties("dr.audit")
public record AuditKeys(
    @DefaultValue List<String> publicKeys, @DefaultValue List<Path> publicKeyFiles) {}
