/**
 * Every Cordum store on Redis, through Jedis: {@link io.cordum.redis.RedisJobStore}, {@link
 * io.cordum.redis.RedisPointerStore} and {@link io.cordum.redis.RedisLeaseStore}, made from one
 * shared {@link io.cordum.redis.RedisConnections} and configured by {@link
 * io.cordum.redis.RedisConfig}; {@link io.cordum.redis.RedisStoresModule} binds them in Guice. They
 * pass the same contract suites as the in-memory stores. Every state change is one Lua script, and
 * every multi-key script touches keys of one Redis Cluster slot; the pointer store, whose blob keys
 * are fixed by Cordum's pointers, uses single-key commands on a Cluster (see {@link
 * io.cordum.redis.RedisPointerStore}). The key layout is described in {@code docs/redis-layout.md}.
 */
@NullMarked
package io.cordum.redis;

import org.jspecify.annotations.NullMarked;
