package io.drautopilot.validation.domain;

import io.drautopilot.integrity.ItemView;

/**
 * One item read from a table or a snapshot, as the decisions need it: a view for the rules, its key
 * for reports, and hashes of a canonical encoding (the same item gives the same hashes whatever it
 * was read from, so a table can be compared with its snapshot).
 */
public interface ScannedItem {

  ItemView view();

  /** The key attributes rendered for reports ({@code PK=EMPLOYEE#1|SK=PROFILE}): no other values. */
  String key();

  /** 64-bit hash of the canonical key encoding: decides the item's comparison bucket. */
  long keyHash();

  /** High 64 bits of the 128-bit hash of the canonical encoding of the whole item. */
  long contentHashHigh();

  /** Low 64 bits of the same hash. */
  long contentHashLow();
}
