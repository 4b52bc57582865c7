/** Safety gates shipped with the core, such as the explicit allow-all default. */
@NullMarked
package io.cordum.core.policy;

import org.jspecify.annotations.NullMarked;
