// The image's HEALTHCHECK: `node dist/src/health/readiness-probe.js` exits 0 when this container's shop
// answers /health/ready, 1 otherwise. It reads PORT and HOST as the shop does, so a shop told to listen on
// one address (HOST) is asked there, and one listening on every interface is asked over loopback.
import { loadConfig } from '../config/config.js';

const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

function readinessUrl(): string {
  const { host, port } = loadConfig();
  const address = host === undefined || EVERY_INTERFACE.has(host) ? '127.0.0.1' : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/health/ready`;
}

try {
  const answer = await fetch(readinessUrl(), { signal: AbortSignal.timeout(4000) });
  process.exit(answer.ok ? 0 : 1);
} catch {
  process.exit(1);
}
