package io.drautopilot.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.drautopilot.localstack.FreePorts;

/** A real SMTP server on loopback, so the notifier's email channel delivers for real in the drill. */
final class LocalSmtp implements AutoCloseable {

  private final GreenMail mail;

  private LocalSmtp(GreenMail mail) {
    this.mail = mail;
  }

  /**
   * GreenMail waits 2 s for its server thread by default; the drill starts the local stack's parts
   * side by side on two cores, where that thread can take longer to be scheduled.
   */
  private static final long STARTUP_TIMEOUT_MS = 30_000;

  static LocalSmtp start() {
    ServerSetup setup = new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    setup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
    GreenMail mail = new GreenMail(setup);
    mail.start();
    return new LocalSmtp(mail);
  }

  int port() {
    return mail.getSmtp().getPort();
  }

  int delivered() {
    return mail.getReceivedMessages().length;
  }

  @Override
  public void close() {
    mail.stop();
  }
}
