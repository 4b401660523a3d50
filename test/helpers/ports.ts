/** A TCP port free on loopback right now: the dev server's own look-up. */
export { freeLoopbackPort as freePort } from '../../src/dev/dev-server';
