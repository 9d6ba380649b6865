let loading: Promise<typeof import('@redis/client')> | undefined;

/**
 * The Redis client library, loaded by the first part of the shop that connects to Redis (REDIS_URL)
 * rather than when the shop starts: a shop on one VM without Redis would carry its code (about 1.5 MB
 * of source, and the compiled code and objects that come with it) in every process for nothing.
 */
export function redisLibrary(): Promise<typeof import('@redis/client')> {
  loading ??= import('@redis/client');
  return loading;
}
