/**
 * The dead-letter queue service: list, inspect, delete and retry dead-lettered jobs ({@link
 * io.cordum.core.internal.dlq.DeadLetterService}).
 */
@NullMarked
package io.cordum.core.internal.dlq;

import org.jspecify.annotations.NullMarked;
