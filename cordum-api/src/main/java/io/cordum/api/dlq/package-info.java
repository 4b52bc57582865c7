/**
 * The dead-letter queue: {@link io.cordum.api.dlq.DeadLetterStore} and its entries, queries and
 * retention.
 */
@NullMarked
package io.cordum.api.dlq;

import org.jspecify.annotations.NullMarked;
