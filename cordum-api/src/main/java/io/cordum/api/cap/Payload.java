package io.cordum.api.cap;

/**
 * The payload of a {@link BusPacket}: exactly one of the CAP {@code oneof payload} members. Use a
 * {@code switch} over the permitted records to dispatch on the type.
 */
public sealed interface Payload
    permits JobRequest, JobResult, Heartbeat, SystemAlert, JobProgress, JobCancel {}
