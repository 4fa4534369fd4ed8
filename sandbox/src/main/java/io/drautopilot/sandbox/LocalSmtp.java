package io.drautopilot.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server on loopback, so the notifier's email channel delivers for real in the drill. */
final class LocalSmtp implements AutoCloseable {

  private final GreenMail mail;

  private LocalSmtp(GreenMail mail) {
    this.mail = mail;
  }

  static LocalSmtp start() {
    GreenMail mail =
        new GreenMail(
            new ServerSetup(SandboxServices.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
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
