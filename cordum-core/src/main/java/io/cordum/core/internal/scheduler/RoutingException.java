package io.cordum.core.internal.scheduler;

import io.cordum.api.CordumException;
import io.cordum.core.scheduler.ReasonCodes;

/**
 * A job could not be routed. {@link #type()} is the reason code (see {@link ReasonCodes}); {@link
 * #retryable()} says whether the scheduler should try again later ({@code no_workers}, {@code
 * pool_overloaded}) or fail the job ({@code no_pool_mapping}, {@code dispatch_failed}).
 */
public final class RoutingException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message reads like {@code no_workers: pool "default"}. */
  public RoutingException(String reasonCode, String detail, boolean retryable) {
    super(reasonCode, reasonCode + ": " + detail, retryable, null);
  }
}
