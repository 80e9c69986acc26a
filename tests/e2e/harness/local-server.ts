/** Starting and stopping the harness's local HTTP servers (pages, fake price API, recording proxy). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1 (`port` 0: any free port) and returns the port. */
export async function listenLocal(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Closes `server` after ending its open connections. */
export async function closeServer(server: Server | null, endConnections: () => void = () => server?.closeAllConnections()): Promise<void> {
  if (!server) return;
  endConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
