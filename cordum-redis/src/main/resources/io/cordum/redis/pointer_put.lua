-- putContext / putResult on a single server. KEYS 1: the blob key (<pointer prefix>ctx:<id> or
-- res:<id>), a plain string as Cordum's Go side writes it; 2: its sidecar
-- (<pointer prefix>cordum-exp:<blob key>). ARGV 1: the bytes, 2: the sidecar value
-- "<expires_at micros>|<length>|<CRC32C>" (injected clock), 3: TTL (ms), the same for both.
-- On Redis Cluster the two keys are in different slots: RedisPointerStore sends two SETs there.
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
