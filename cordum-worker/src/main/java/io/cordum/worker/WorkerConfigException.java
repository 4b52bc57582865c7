package io.cordum.worker;

/** The worker cannot do what a job needs (no pointer store); the job fails, the worker lives. */
final class WorkerConfigException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  WorkerConfigException(String message) {
    super(message);
  }
}
