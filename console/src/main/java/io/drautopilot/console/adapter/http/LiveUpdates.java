package io.drautopilot.console.adapter.http;

import io.drautopilot.console.domain.IncidentBoard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events that tell an open page its incident changed; the page then fetches the part
 * that changed (htmx), so the events carry no incident data and a page without JavaScript simply
 * gets none of them.
 *
 * <p>At shutdown the streams are ended before the web server's graceful shutdown (a higher phase
 * stops first), which otherwise waits for them as for any request still running (up to {@code
 * spring.lifecycle.timeout-per-shutdown-phase}, 30 s); the pages reconnect by themselves, to
 * another instance if there is one.
 */
@Component
class LiveUpdates implements SmartLifecycle {

  /** A stream lives this long; the browser reconnects by itself. */
  private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

  private record Subscriber(String incidentId, SseEmitter emitter) {}

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final IncidentBoard board;
  private final java.util.function.Consumer<String> listener = this::changed;
  private volatile boolean running;

  LiveUpdates(IncidentBoard board) {
    this.board = board;
    board.onChange(listener);
  }

  /** A stream of {@code changed} events: every incident's when {@code incidentId} is null. */
  SseEmitter subscribe(String incidentId) {
    SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
    Subscriber s = new Subscriber(incidentId, emitter);
    subscribers.add(s);
    emitter.onCompletion(() -> subscribers.remove(s));
    emitter.onTimeout(() -> subscribers.remove(s));
    emitter.onError(e -> subscribers.remove(s));
    try {
      // an opening comment, so the browser sees the stream open at once
      emitter.send(SseEmitter.event().comment("open"));
    } catch (IOException e) {
      subscribers.remove(s);
    }
    return emitter;
  }

  private void changed(String incidentId) {
    for (Subscriber s : subscribers) {
      if (s.incidentId() == null || s.incidentId().equals(incidentId)) {
        try {
          s.emitter().send(SseEmitter.event().name("changed").data(incidentId));
        } catch (IOException | IllegalStateException gone) {
          subscribers.remove(s);
        }
      }
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open stream and stops listening to the board. */
  @Override
  public void stop() {
    running = false;
    board.removeListener(listener);
    subscribers.forEach(s -> s.emitter().complete());
    subscribers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
  }
}
