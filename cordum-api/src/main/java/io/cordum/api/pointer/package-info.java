/**
 * Context and result blobs behind pointers: {@link io.cordum.api.pointer.PointerStore} and the
 * pointer format of {@link io.cordum.api.pointer.Pointers}.
 */
@NullMarked
package io.cordum.api.pointer;

import org.jspecify.annotations.NullMarked;
