package io.drautopilot.notifier.adapter.channel;

import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.Contact;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.time.Duration;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email over SMTP, one message per contact. The sender is built here rather than as a bean so an
 * unreachable mail server is a failed delivery, not a DOWN health check of the whole service.
 */
public class SmtpChannel implements Channel {

  private final JavaMailSenderImpl sender;
  private final String from;

  public SmtpChannel(
      String host,
      int port,
      String username,
      String password,
      boolean startTls,
      String from,
      Duration timeout) {
    this.sender = new JavaMailSenderImpl();
    sender.setHost(host);
    sender.setPort(port);
    if (username != null && !username.isBlank()) {
      sender.setUsername(username);
      sender.setPassword(password);
    }
    Properties p = sender.getJavaMailProperties();
    String ms = Long.toString(timeout.toMillis());
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    p.put("mail.smtp.auth", Boolean.toString(username != null && !username.isBlank()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
    this.from = from;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public boolean perContact() {
    return true;
  }

  @Override
  public void deliver(Message message, Recipient recipient) throws DeliveryException {
    Contact contact = recipient.contacts().get(0);
    if (contact.email() == null || contact.email().isBlank()) {
      throw new DeliveryException("no email address configured for " + contact.role(), false);
    }
    SimpleMailMessage mail = new SimpleMailMessage();
    mail.setFrom(from);
    mail.setTo(contact.email());
    mail.setSubject(message.subject());
    mail.setText(
        message.body()
            + "\n\n-- \nSent to "
            + recipient.label()
            + " (escalation level "
            + message.escalationLevel()
            + ": "
            + message.levelTarget()
            + ") for incident "
            + message.incidentId()
            + ".");
    try {
      sender.send(mail);
    } catch (MailAuthenticationException | MailParseException | MailPreparationException e) {
      throw new DeliveryException(e.getClass().getSimpleName() + ": " + e.getMessage(), false, e);
    } catch (MailException e) {
      throw new DeliveryException(e.getClass().getSimpleName() + ": " + rootMessage(e), true, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
  }
}
