package io.cordum.client;

import io.cordum.client.model.Workflow;
import io.cordum.client.model.WorkflowRun;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Workflow definitions ({@code /api/v1/workflows}); runs are in {@link RunsApi}. */
public final class WorkflowsApi {
  private final Transport t;
  private final JavaType list;
  private final JavaType runs;

  WorkflowsApi(Transport t) {
    this.t = t;
    this.list = t.json.getTypeFactory().constructCollectionType(List.class, Workflow.class);
    this.runs = t.json.getTypeFactory().constructCollectionType(List.class, WorkflowRun.class);
  }

  /**
   * Creates a workflow, or updates the one with its id (fields left out keep their stored values).
   * The definition is validated: every problem is in the error's message.
   *
   * @return the workflow's id
   */
  public String create(Workflow workflow) {
    Objects.requireNonNull(workflow, "workflow");
    ObjectNode tree = t.json.valueToTree(workflow);
    // Fields the gateway keeps for itself; zeros mean "not set" on the wire.
    tree.remove(List.of("revision", "created_at", "updated_at", "created_by"));
    if (tree.path("timeout_sec").asLong(0) == 0) {
      tree.remove("timeout_sec");
    }
    return send(tree);
  }

  /**
   * Creates or updates a workflow from its JSON (the format of {@code GET /api/v1/workflows/{id}},
   * as a file holds it).
   *
   * @return the workflow's id
   */
  public String createFromJson(String json) {
    JsonNode n = t.json.readTree(json);
    if (!n.isObject()) {
      throw new IllegalArgumentException("a workflow is a JSON object");
    }
    return send(n);
  }

  /** Creates or updates a workflow from a map (the JSON format as plain Java values). */
  public String create(Map<String, ?> definition) {
    return send(t.json.valueToTree(definition));
  }

  private String send(JsonNode body) {
    JsonNode r = t.req("POST", "/api/v1/workflows").json(body).fetch(JsonNode.class);
    return r.path("id").asString("");
  }

  /**
   * A workflow.
   *
   * @throws NotFoundException when there is none with this id
   */
  public Workflow get(String workflowId) {
    return t.req("GET", PathSegments.of("/api/v1/workflows", workflowId)).fetch(Workflow.class);
  }

  /** The tenant's workflows (at most {@code limit}; 0 for the gateway's default, 100). */
  public List<Workflow> list(int limit) {
    return t.req("GET", "/api/v1/workflows").query("limit", limit).fetch(list);
  }

  /** Deletes a workflow (its runs are kept). */
  public void delete(String workflowId) {
    t.req("DELETE", PathSegments.of("/api/v1/workflows", workflowId)).execute();
  }

  /** A workflow's runs, newest first (at most {@code limit}; 0 for the default, 100). */
  public List<WorkflowRun> runs(String workflowId, int limit) {
    return t.req("GET", PathSegments.of("/api/v1/workflows", workflowId, "/runs"))
        .query("limit", limit)
        .fetch(runs);
  }
}
