package io.cordum.api.lock;

import io.cordum.api.CordumException;

/**
 * A renew or release by someone who does not hold the lock: another owner's hold, a hold that has
 * lapsed, or a lock that does not exist. Nothing was changed; the caller learns that it did not
 * hold the lock instead of believing it released it.
 */
public final class LockNotHeldException extends CordumException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final String owner;

  /** Creates the exception for {@code owner} on {@code resource}. */
  public LockNotHeldException(String resource, String owner) {
    super(
        "lock_not_held",
        "lock "
            + resource
            + " is not held by "
            + owner
            + " (never acquired, already released, or its hold lapsed; acquire it again)",
        false,
        null);
    this.resource = resource;
    this.owner = owner;
  }

  /** The lock's resource. */
  public String resource() {
    return resource;
  }

  /** The owner that asked. */
  public String owner() {
    return owner;
  }
}
