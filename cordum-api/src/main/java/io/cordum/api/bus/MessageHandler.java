package io.cordum.api.bus;

/**
 * Handles one bus message. Returning acknowledges it; throwing {@link
 * io.cordum.api.RetryLaterException} asks for redelivery after a delay; any other exception
 * acknowledges it and is logged.
 */
@FunctionalInterface
public interface MessageHandler {
  /** Handles one message. */
  void handle(BusMessage message) throws Exception;
}
