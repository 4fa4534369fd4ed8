package io.drautopilot.orchestrator.adapter.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/** A valid token without any of the API's roles: 403 naming the roles that would do. */
public final class ApiAccessDeniedHandler implements AccessDeniedHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiAccessDeniedHandler.class);

  private final String roleClaim;

  public ApiAccessDeniedHandler(String roleClaim) {
    this.roleClaim = roleClaim;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication(), roleClaim);
    String detail =
        "this needs one of the roles "
            + String.join(", ", ApiRoles.ALL)
            + " in the token's '"
            + roleClaim
            + "' claim; "
            + caller.name()
            + " has "
            + (caller.roles().isEmpty() ? "none" : String.join(", ", caller.roles()));
    log.warn(
        "{} {} refused (403) for {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        caller.name(),
        detail);
    ProblemResponses.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "role-required",
        detail,
        Map.of("requiredRoles", ApiRoles.ALL));
  }
}
