package io.cordum.api.workflow;

/**
 * The codes the workflow engine puts in {@link WorkflowError#code()} of a step or a run. A step
 * whose job ended without success carries the job's own reason code (the scheduler's or the
 * worker's) when it has one, else {@link #JOB_FAILED}, {@link #JOB_TIMEOUT}, {@link #DENIED} or
 * {@link #CANCELLED}.
 */
public final class WorkflowErrorCodes {
  private WorkflowErrorCodes() {}

  /** The step's job failed and gave no reason code. */
  public static final String JOB_FAILED = "job_failed";

  /** The step's job timed out and gave no reason code. */
  public static final String JOB_TIMEOUT = "job_timeout";

  /** Policy denied the step's job (final: not retried). */
  public static final String DENIED = "denied";

  /** The step or run was cancelled. */
  public static final String CANCELLED = "cancelled";

  /** An approval step was rejected (and with it the run). */
  public static final String REJECTED = "rejected";

  /** An approval step got no decision within its timeout. */
  public static final String APPROVAL_EXPIRED = "approval_expired";

  /** A step (its job or its child run) did not finish within the step timeout. */
  public static final String STEP_TIMEOUT = "step_timeout";

  /** The run did not finish within its run timeout. */
  public static final String RUN_TIMEOUT = "run_timeout";

  /** A condition step's expression could not be evaluated. */
  public static final String CONDITION_ERROR = "condition_error";

  /** A delay step's duration or time could not be worked out. */
  public static final String DELAY_INVALID = "delay_invalid";

  /** A step's input template could not be rendered, or did not render to an object. */
  public static final String INPUT_TEMPLATE = "input_template";

  /** A fan-out step's {@code for_each} expression did not give a list. */
  public static final String FOR_EACH = "for_each";

  /** A step's output does not satisfy its output schema. */
  public static final String OUTPUT_INVALID = "output_invalid";

  /** A step names a schema the registry does not hold. */
  public static final String SCHEMA_UNKNOWN = "schema_unknown";

  /** A step's schema is not a valid JSON schema. */
  public static final String SCHEMA_INVALID = "schema_invalid";

  /** A notify step's event could not be published. */
  public static final String PUBLISH_FAILED = "publish_failed";

  /** The job client refused the step's job at submit. */
  public static final String SUBMIT_REFUSED = "submit_refused";

  /** A subworkflow step's child run could not be started or failed. */
  public static final String CHILD_FAILED = "child_failed";

  /** A subworkflow step's child run timed out. */
  public static final String CHILD_TIMED_OUT = "child_timed_out";

  /**
   * The prefix of the code of a subworkflow step whose child run ended otherwise: the prefix and
   * the child's status ({@code child_cancelled}).
   */
  public static final String CHILD_PREFIX = "child_";
}
