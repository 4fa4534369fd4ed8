package io.drautopilot.detector.adapter.http;

import io.drautopilot.detector.adapter.aws.SandboxFaultInjector;
import io.drautopilot.detector.sandbox.FaultInjected;
import io.drautopilot.detector.sandbox.FaultRefused;
import io.drautopilot.detector.sandbox.FaultRequest;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drill faults: {@code POST /sandbox/faults} injects one, {@code DELETE /sandbox/faults} removes the stubs and
 * outages injected so far. Refused with 403 unless the detector runs in sandbox mode.
 */
@RestController
@RequestMapping("/sandbox/faults")
public class SandboxFaultController {

  private final ObjectProvider<SandboxFaultInjector> injector;

  public SandboxFaultController(ObjectProvider<SandboxFaultInjector> injector) {
    this.injector = injector;
  }

  @PostMapping
  public ResponseEntity<FaultInjected> inject(@RequestBody(required = false) FaultRequest request) {
    return ResponseEntity.accepted().body(injector().inject(request));
  }

  @DeleteMapping
  public ResponseEntity<Map<String, Object>> clear() {
    return ResponseEntity.ok(Map.of("undone", injector().clear()));
  }

  private SandboxFaultInjector injector() {
    SandboxFaultInjector i = injector.getIfAvailable();
    if (i == null) {
      throw new FaultRefused(403, "fault injection is only available in sandbox mode (dr.detector.sandbox.enabled=true); "
          + "this detector is not running in sandbox mode");
    }
    return i;
  }

  @ExceptionHandler(FaultRefused.class)
  ResponseEntity<Map<String, String>> refused(FaultRefused e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
  }
}
