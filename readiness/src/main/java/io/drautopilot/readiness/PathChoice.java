package io.drautopilot.readiness;

import java.util.Optional;

/**
 * The recovery path to take and why, in a sentence a person can check
 * ("forecast RTO 29 min by PITR, 13 min by snapshot import: chose snapshot import").
 *
 * @param path empty when no path has a restore point
 * @param withinRpo whether the chosen path keeps data loss within the RPO target (false: the least-loss fallback)
 */
public record PathChoice(Optional<RecoveryPath> path, boolean withinRpo, String reason) {}
