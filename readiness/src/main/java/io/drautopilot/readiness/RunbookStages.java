package io.drautopilot.readiness;

import io.drautopilot.readiness.Forecaster.StageForecast;

/**
 * The parts of a recovery's RTO other than the restore itself, as measured on earlier recoveries:
 * detection (impact start to detection), the steps before the restore starts (notify, isolate, find the
 * restore point) and those after it ends (validate, compare, cut over, health check).
 */
public record RunbookStages(
    StageForecast detection, StageForecast beforeRestore, StageForecast afterRestore) {}
