import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';

/**
 * A gRPC interceptor that gives every call without a deadline one `ms` from now. The API's connection uses it so
 * that an unreachable, overloaded or slow Temporal answers the caller within seconds (503 with Retry-After, see
 * api/temporal-unavailable.ts), never after the client's minute of retries; the worker keeps its own connection.
 */
export function rpcDeadlineInterceptor(ms: number): Interceptor {
  return (options, nextCall) => new InterceptingCall(nextCall(options.deadline === undefined ? { ...options, deadline: Date.now() + ms } : options));
}
