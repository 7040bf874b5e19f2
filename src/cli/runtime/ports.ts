import net from 'node:net';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { UsageError } from '../errors.ts';

// Ports of the servers the command line starts: checked before anything starts, and a busy one
// is bad usage (exit 2) in \`start\`, \`serve\` and \`sandbox\` alike.

/** `start` runs everything on this machine: its servers listen on loopback only. */
export const loopbackHost = '127.0.0.1';

const portInUse = (port: number) => new UsageError(catalogText('cli.start.portInUse', { port: String(port) }));

export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}

/** Listens on `port`, or on a free port when that one is taken and the user did not ask for it. */
export async function listenOn<T>(port: number, portsAreExplicit: boolean, listen: (port: number) => Promise<T>): Promise<T> {
  try {
    return await listen(port);
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    if (portsAreExplicit || port === 0) throw portInUse(port);
    return listen(0);
  }
}

/** Whether something already listens on the loopback `port` (0 is always free). */
async function portIsTaken(port: number): Promise<boolean> {
  if (port === 0) return false;
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port, host: loopbackHost, exclusive: true }, resolve);
    });
    return false;
  } catch (error) {
    if (isAddressInUse(error)) return true;
    throw error;
  } finally {
    await new Promise<void>((resolve) => (probe.listening ? probe.close(() => resolve()) : resolve()));
  }
}

/**
 * The backend's and the preview's ports, checked before anything starts: two different ports,
 * and each free when the user named it (a busy default falls back to a free port later).
 */
export async function checkPorts(ports: { port: number; previewPort: number; portsAreExplicit: boolean }): Promise<void> {
  const { port, previewPort } = ports;
  if (port !== 0 && port === previewPort) {
    throw new UsageError(catalogText('cli.start.samePorts', { port: String(port) }));
  }
  if (!ports.portsAreExplicit) return;
  for (const each of [port, previewPort]) if (await portIsTaken(each)) throw portInUse(each);
}
