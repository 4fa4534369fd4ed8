package io.drautopilot.readiness.service.domain;

import io.drautopilot.readiness.RunbookReview;
import java.util.List;

/** The runbooks this service checks the document control of: the ones the orchestrator runs. */
public interface Runbooks {

  List<RunbookReview> reviews();
}
