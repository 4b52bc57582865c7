/**
 * Workflows: {@link io.cordum.api.workflow.WorkflowDefinition definitions} (a DAG of {@link
 * io.cordum.api.workflow.StepDefinition steps}), {@link io.cordum.api.workflow.WorkflowRun runs}
 * with their {@link io.cordum.api.workflow.StepRun step states}, the status machines ({@link
 * io.cordum.api.workflow.RunStatus}, {@link io.cordum.api.workflow.StepStatus}) as data, the run
 * {@link io.cordum.api.workflow.TimelineEvent timeline}, and the {@link
 * io.cordum.api.workflow.WorkflowStore} SPI that persists all of it.
 *
 * <p>Free-form data (run input, context, step input templates, outputs, schemas) is held as JSON
 * trees: {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number}, {@code
 * Boolean} and {@code null}, deep-copied and unmodifiable inside the records ({@link
 * io.cordum.api.workflow.JsonTrees}).
 */
@NullMarked
package io.cordum.api.workflow;

import org.jspecify.annotations.NullMarked;
