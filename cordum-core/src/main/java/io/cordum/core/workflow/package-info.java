/**
 * The workflow engine: {@link io.cordum.core.workflow.WorkflowEngine} starts, advances, cancels
 * and reruns DAG runs stored in a {@link io.cordum.api.workflow.WorkflowStore};
 * {@link io.cordum.core.workflow.WorkflowDefinitions} parses definitions from JSON or YAML and
 * {@link io.cordum.core.workflow.WorkflowValidator} checks them on save.
 */
@NullMarked
package io.cordum.core.workflow;

import org.jspecify.annotations.NullMarked;
