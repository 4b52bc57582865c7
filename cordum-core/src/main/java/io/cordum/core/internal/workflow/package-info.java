/**
 * The workflow engine: starts, advances, cancels and reruns DAG runs stored in a {@link
 * io.cordum.api.workflow.WorkflowStore}, and checks definitions on save. Internal: may change
 * without notice.
 */
@NullMarked
package io.cordum.core.internal.workflow;

import org.jspecify.annotations.NullMarked;
