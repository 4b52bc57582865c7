/**
 * The dead-letter queue service: list, inspect, delete and retry dead-lettered jobs
 * ({@link io.cordum.core.dlq.DeadLetterService}).
 */
@NullMarked
package io.cordum.core.dlq;

import org.jspecify.annotations.NullMarked;
