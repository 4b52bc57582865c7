package io.cordum.api.backend;

/** A backend whose settings were read and validated, ready to connect. */
public interface PreparedBackend {

  /** What it will connect to, for logs: the server address (never a password) and the mode. */
  String description();

  /**
   * Connects (or prepares to connect) and makes the backend's instances.
   *
   * @param context what the instances share with the control plane (its clock, ...)
   * @throws io.cordum.api.CordumException if the backend cannot be opened
   */
  Backend open(BackendContext context);
}
