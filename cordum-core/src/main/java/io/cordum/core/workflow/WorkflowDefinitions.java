package io.cordum.core.workflow;

import io.cordum.api.ValidationException;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.core.internal.workflow.DefinitionParser;
import java.nio.file.Path;

/**
 * Reads workflow definitions from JSON or YAML, with Cordum's field names ({@code org_id}, {@code
 * depends_on}, {@code for_each}, ...). {@code steps} is a map from step id to step (a step's id is
 * its key); a list of steps that each carry an {@code id} is accepted too. Parsing checks the shape
 * of every field; the DAG, expressions and schemas are checked when the definition is saved ({@link
 * io.cordum.api.workflow.WorkflowEngine#save}).
 */
public final class WorkflowDefinitions {
  private WorkflowDefinitions() {}

  /**
   * Reads and parses a file.
   *
   * @throws java.io.UncheckedIOException when the file cannot be read
   * @throws ValidationException listing every problem, each naming its path and rule
   */
  public static WorkflowDefinition load(Path path) {
    return DefinitionParser.load(path);
  }

  /**
   * Parses one definition.
   *
   * @throws ValidationException listing every problem, each naming its path and rule
   */
  public static WorkflowDefinition parse(String text) {
    return DefinitionParser.parse(text);
  }
}
