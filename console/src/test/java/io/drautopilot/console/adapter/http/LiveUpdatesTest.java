package io.drautopilot.console.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.console.domain.IncidentBoard;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live-update streams end when the console stops, before the web server's graceful shutdown,
 * which would otherwise wait for them as for requests still running (30 s by default) and keep
 * the console from stopping.
 */
class LiveUpdatesTest {

  final LiveUpdates live = new LiveUpdates(new IncidentBoard(Duration.ofMinutes(15)));

  @Test
  void shouldEndEveryOpenStreamWhenItStops() {
    live.start();
    SseEmitter all = live.subscribe(null);
    SseEmitter one = live.subscribe("incident-1");

    live.stop();

    assertThat(live.isRunning()).isFalse();
    for (SseEmitter emitter : new SseEmitter[] {all, one}) {
      assertThatThrownBy(() -> emitter.send(SseEmitter.event().comment("still open?")))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void shouldStopBeforeTheWebServersGracefulShutdown() {
    // Spring stops the higher phase first
    assertThat(live.getPhase())
        .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
  }
}
