package io.cordum.nats.internal;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.SystemAlert;

/** Worker and system status: Heartbeat and SystemAlert. */
final class StatusMapper {
  private StatusMapper() {}

  static io.cordum.nats.internal.proto.Heartbeat toProto(Heartbeat h) {
    return io.cordum.nats.internal.proto.Heartbeat.newBuilder()
        .setWorkerId(h.workerId())
        .setRegion(h.region())
        .setType(h.type())
        .setCpuLoad(h.cpuLoad())
        .setGpuUtilization(h.gpuUtilization())
        .setActiveJobs(h.activeJobs())
        .addAllCapabilities(h.capabilities())
        .setPool(h.pool())
        .setMaxParallelJobs(h.maxParallelJobs())
        .putAllLabels(h.labels())
        .addAllHeldJobIds(h.heldJobIds())
        .setReportsHeldJobs(h.reportsHeldJobs())
        .setUnknownFields(UnknownWriter.of(h.unknownFields(), "Heartbeat"))
        .build();
  }

  static Heartbeat fromProto(io.cordum.nats.internal.proto.Heartbeat p) {
    return new Heartbeat(
        p.getWorkerId(),
        p.getRegion(),
        p.getType(),
        p.getCpuLoad(),
        p.getGpuUtilization(),
        p.getActiveJobs(),
        p.getCapabilitiesList(),
        p.getPool(),
        p.getMaxParallelJobs(),
        p.getLabelsMap(),
        p.getHeldJobIdsList(),
        p.getReportsHeldJobs(),
        UnknownReader.of(p.getUnknownFields()));
  }

  static io.cordum.nats.internal.proto.SystemAlert toProto(SystemAlert a) {
    return io.cordum.nats.internal.proto.SystemAlert.newBuilder()
        .setLevel(a.level())
        .setMessage(a.message())
        .setComponent(a.component())
        .setCode(a.code())
        .setUnknownFields(UnknownWriter.of(a.unknownFields(), "SystemAlert"))
        .build();
  }

  static SystemAlert fromProto(io.cordum.nats.internal.proto.SystemAlert p) {
    return new SystemAlert(
        p.getLevel(),
        p.getMessage(),
        p.getComponent(),
        p.getCode(),
        UnknownReader.of(p.getUnknownFields()));
  }
}
