package io.drautopilot.sandbox;

import io.drautopilot.console.ConsoleApplication;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The incident console (the console module) in the drill: the page people open to follow the incident and decide at
 * its approval gates. People log in at the drill's identity provider, the console calls the orchestrator's API with
 * their own tokens, reads the timeline from the drill's broker, the reports from the notifier, and checks the audit
 * chain with the drill's public key.
 */
final class SandboxConsole implements AutoCloseable {

  /** The path the provider sends people back to; registered with the provider for the console's port. */
  static final String REDIRECT_PATH = "/login/oauth2/code/dr-console";

  private final ConfigurableApplicationContext context;
  private final int port;

  private SandboxConsole(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /**
   * Starts the console on {@code port}, the one the provider was told of ({@link SandboxIdentity#start}): the provider
   * redirects only to the exact URI registered for the console.
   */
  static SandboxConsole start(
      Path state,
      int port,
      String kafka,
      SandboxIdentity identity,
      int orchestratorPort,
      int notifierPort,
      AuditTrail audit) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.port", Integer.toString(port));
    p.put("spring.kafka.bootstrap-servers", kafka);
    p.put("dr.console.oidc.issuer-uri", identity.issuer());
    p.put("dr.console.orchestrator.url", "http://127.0.0.1:" + orchestratorPort);
    p.put("dr.console.notifier.url", "http://127.0.0.1:" + notifierPort);
    if (audit != null) {
      // base64 DER, one line: the chain heads the orchestrator signs in this drill are checked
      // against it
      p.put(
          "dr.audit.public-keys[0]",
          Base64.getEncoder().encodeToString(audit.publicKey().getEncoded()));
    }
    // plain HTTP on localhost: a Secure session cookie would be dropped by browsers that do not
    // treat localhost as
    // secure
    p.put("server.servlet.session.cookie.secure", "false");
    // one classpath: the provider's authorization server is for its own context, not the console's
    p.put("spring.autoconfigure.exclude", SandboxServices.AUTHORIZATION_SERVER_AUTO_CONFIGURATION);
    p.put("logging.level.root", "WARN");
    p.put("logging.level.io.drautopilot", "WARN");
    // a secret of this drill: a property of this context only, never printed
    p.put("dr.console.oidc.client-secret", identity.consoleSecret());
    return new SandboxConsole(
        ServiceLauncher.start(ConsoleApplication.class, "console", state, p, List.of()), port);
  }

  /** Where people open it: localhost, as the redirect URI registered with the provider says. */
  String url() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return "SandboxConsole[" + url() + "]";
  }
}
