/** HTTP test tools: a raw-socket HTTP/1.1 client and a seeded fuzzer for servers. */
@NullMarked
package io.cordum.testkit.http;

import org.jspecify.annotations.NullMarked;
