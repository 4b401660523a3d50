import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { Config } from '../config/config';

/**
 * How every connection of the service reaches the frontend (client, worker, API): the address and, where
 * configured, TLS with the district's client certificate (mTLS), the CA of a private server and its name.
 */
export function temporalConnectionOptions(temporal: Config['temporal']): { address: string; tls?: TLSConfig } {
  const { tls } = temporal;
  if (!tls) return { address: temporal.address };
  return {
    address: temporal.address,
    tls: {
      ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
      ...(tls.caPath ? { serverRootCACertificate: readFileSync(tls.caPath) } : {}),
      ...(tls.clientCertPath && tls.clientKeyPath ? { clientCertPair: { crt: readFileSync(tls.clientCertPath), key: readFileSync(tls.clientKeyPath) } } : {}),
    },
  };
}
