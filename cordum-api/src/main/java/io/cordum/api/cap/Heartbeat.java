package io.cordum.api.cap;

import java.util.List;
import java.util.Map;

/**
 * A worker's liveness and load report ({@code cordum.agent.v1.Heartbeat}) on {@code sys.heartbeat}.
 * The scheduler routes by {@link #pool()} (a pool name from the pool configuration, not a topic),
 * {@link #activeJobs()}, {@link #maxParallelJobs()}, {@link #cpuLoad()}, {@link #gpuUtilization()}
 * and {@link #labels()}.
 *
 * @param workerId field 1
 * @param region field 2
 * @param type field 3
 * @param cpuLoad field 4, percent 0 to 100
 * @param gpuUtilization field 5, percent 0 to 100
 * @param activeJobs field 6
 * @param capabilities field 7
 * @param pool field 11, the pool name
 * @param maxParallelJobs field 12; 0 means unknown
 * @param labels field 13, matched against job placement labels
 * @param heldJobIds field 100, a Cordum for Java extension: the jobs the worker holds (running,
 *     queued, or finished with a result the bus has not taken yet); meaningful only when {@code
 *     reportsHeldJobs} is set
 * @param reportsHeldJobs field 101, a Cordum for Java extension: whether {@code heldJobIds} is the
 *     worker's complete list. The scheduler re-dispatches a job that a worker reporting its list
 *     stopped holding without a result (it restarted, or the request or result was lost); CAP SDK
 *     workers send neither field, and other CAP implementations ignore both
 * @param unknownFields fields this version does not know
 */
public record Heartbeat(
    String workerId,
    String region,
    String type,
    float cpuLoad,
    float gpuUtilization,
    int activeJobs,
    List<String> capabilities,
    String pool,
    int maxParallelJobs,
    Map<String, String> labels,
    List<String> heldJobIds,
    boolean reportsHeldJobs,
    UnknownFields unknownFields)
    implements Payload {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public Heartbeat {
    workerId = Values.str(workerId);
    region = Values.str(region);
    type = Values.str(type);
    capabilities = Values.list(capabilities);
    pool = Values.str(pool);
    labels = Values.map(labels);
    heldJobIds = Values.list(heldJobIds);
    unknownFields = unknownFields == null ? UnknownFields.EMPTY : unknownFields;
  }

  /** A heartbeat without the held-jobs extension (as CAP SDK workers send it). */
  public Heartbeat(
      String workerId,
      String region,
      String type,
      float cpuLoad,
      float gpuUtilization,
      int activeJobs,
      List<String> capabilities,
      String pool,
      int maxParallelJobs,
      Map<String, String> labels,
      UnknownFields unknownFields) {
    this(
        workerId,
        region,
        type,
        cpuLoad,
        gpuUtilization,
        activeJobs,
        capabilities,
        pool,
        maxParallelJobs,
        labels,
        List.of(),
        false,
        unknownFields);
  }

  /**
   * The label of a worker's last heartbeat, {@code cordum.stopping=true}: the worker is closing and
   * takes no new job. Cordum for Java's scheduler forgets such a worker at once (instead of when
   * its registry entry expires); that heartbeat also reports every slot busy, so a scheduler that
   * does not know the label sends it nothing either.
   */
  public static final String STOPPING_LABEL = "cordum.stopping";

  /** Whether this is a stopping worker's last heartbeat ({@link #STOPPING_LABEL}). */
  public boolean stopping() {
    return "true".equals(labels.get(STOPPING_LABEL));
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.workerId = workerId;
    b.region = region;
    b.type = type;
    b.cpuLoad = cpuLoad;
    b.gpuUtilization = gpuUtilization;
    b.activeJobs = activeJobs;
    b.capabilities = capabilities;
    b.pool = pool;
    b.maxParallelJobs = maxParallelJobs;
    b.labels = new java.util.LinkedHashMap<>(labels);
    b.heldJobIds = heldJobIds;
    b.reportsHeldJobs = reportsHeldJobs;
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link Heartbeat} values. */
  public static final class Builder {
    private String workerId = "";
    private String region = "";
    private String type = "";
    private float cpuLoad;
    private float gpuUtilization;
    private int activeJobs;
    private List<String> capabilities = List.of();
    private String pool = "";
    private int maxParallelJobs;
    private Map<String, String> labels = new java.util.LinkedHashMap<>();
    private List<String> heldJobIds = List.of();
    private boolean reportsHeldJobs;
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets workerId: field 1. */
    public Builder workerId(String v) {
      this.workerId = v;
      return this;
    }

    /** Sets region: field 2. */
    public Builder region(String v) {
      this.region = v;
      return this;
    }

    /** Sets type: field 3. */
    public Builder type(String v) {
      this.type = v;
      return this;
    }

    /** Sets cpuLoad: field 4, percent 0 to 100. */
    public Builder cpuLoad(float v) {
      this.cpuLoad = v;
      return this;
    }

    /** Sets gpuUtilization: field 5, percent 0 to 100. */
    public Builder gpuUtilization(float v) {
      this.gpuUtilization = v;
      return this;
    }

    /** Sets activeJobs: field 6. */
    public Builder activeJobs(int v) {
      this.activeJobs = v;
      return this;
    }

    /** Sets capabilities: field 7. */
    public Builder capabilities(List<String> v) {
      this.capabilities = v;
      return this;
    }

    /** Sets capabilities from values. */
    public Builder capabilities(String... v) {
      this.capabilities = List.of(v);
      return this;
    }

    /** Sets pool: field 11, the pool name. */
    public Builder pool(String v) {
      this.pool = v;
      return this;
    }

    /** Sets maxParallelJobs: field 12; 0 means unknown. */
    public Builder maxParallelJobs(int v) {
      this.maxParallelJobs = v;
      return this;
    }

    /** Sets labels: field 13, matched against job placement labels. */
    public Builder labels(Map<String, String> v) {
      this.labels = v == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(v);
      return this;
    }

    /** Adds one entry to labels. */
    public Builder putLabels(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /**
     * Sets the complete list of jobs the worker holds: fields 100 and 101 (a Cordum for Java
     * extension), marking the heartbeat as one that reports them.
     */
    public Builder heldJobIds(List<String> v) {
      this.heldJobIds = v;
      this.reportsHeldJobs = true;
      return this;
    }

    /** Sets reportsHeldJobs: field 101. */
    public Builder reportsHeldJobs(boolean v) {
      this.reportsHeldJobs = v;
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public Heartbeat build() {
      return new Heartbeat(
          workerId,
          region,
          type,
          cpuLoad,
          gpuUtilization,
          activeJobs,
          capabilities,
          pool,
          maxParallelJobs,
          labels,
          heldJobIds,
          reportsHeldJobs,
          unknownFields);
    }
  }
}
