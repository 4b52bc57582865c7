/**
 * Workflow engine settings and definition parsing, part of the public API: {@link
 * io.cordum.core.workflow.EngineConfig} and {@link io.cordum.core.workflow.WorkflowDefinitions}
 * (JSON or YAML). The engine itself is reached through {@link io.cordum.core.Cordum#workflows()}.
 */
@NullMarked
package io.cordum.core.workflow;

import org.jspecify.annotations.NullMarked;
