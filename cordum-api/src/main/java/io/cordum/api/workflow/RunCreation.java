package io.cordum.api.workflow;

/**
 * What {@link WorkflowStore#createRun} did.
 *
 * @param run the new run, or the run already holding the idempotency key
 * @param created whether {@code run} was created by this call
 */
public record RunCreation(WorkflowRun run, boolean created) {}
