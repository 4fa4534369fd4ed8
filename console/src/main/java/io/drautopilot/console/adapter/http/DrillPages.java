package io.drautopilot.console.adapter.http;

import io.drautopilot.console.config.ConsoleProperties;
import io.drautopilot.console.domain.Drills;
import io.drautopilot.console.domain.IncidentBoard;
import java.time.Duration;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Drills and checks: the monthly backup verifications and quarterly DR drills, their restore times against the target. */
@Controller
class DrillPages {

  private final IncidentBoard board;
  private final Duration target;

  DrillPages(IncidentBoard board, ConsoleProperties properties) {
    this.board = board;
    this.target = properties.drillTarget();
  }

  @GetMapping("/drills")
  String drills(Model model, Authentication who) {
    List<Drills.Check> checks = Drills.of(board.incidents(), target);
    model.addAttribute("person", Person.of(who));
    model.addAttribute("checks", checks);
    model.addAttribute("target", target);
    model.addAttribute("chart", Drawings.chart(checks, target).orElse(null));
    return "drills";
  }
}
