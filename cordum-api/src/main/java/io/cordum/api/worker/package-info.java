/** The registry of live workers, fed by heartbeats: {@link io.cordum.api.worker.WorkerRegistry}. */
@NullMarked
package io.cordum.api.worker;

import org.jspecify.annotations.NullMarked;
