package io.drautopilot.sandbox.faults;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drill faults: {@code POST /sandbox/faults} injects one, {@code DELETE /sandbox/faults} removes the stubs and
 * outages injected so far. Served on the detector's port, in the detector's context as the sandbox launches it
 * ({@link SandboxFaults}); a detector started on its own has no such endpoint.
 */
@RestController
@RequestMapping("/sandbox/faults")
public class SandboxFaultController {

  private final SandboxFaultInjector injector;

  public SandboxFaultController(SandboxFaultInjector injector) {
    this.injector = injector;
  }

  @PostMapping
  public ResponseEntity<FaultInjected> inject(@RequestBody(required = false) FaultRequest request) {
    return ResponseEntity.accepted().body(injector.inject(request));
  }

  @DeleteMapping
  public ResponseEntity<Map<String, Object>> clear() {
    return ResponseEntity.ok(Map.of("undone", injector.clear()));
  }

  @ExceptionHandler(FaultRefused.class)
  ResponseEntity<Map<String, String>> refused(FaultRefused e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
  }
}
