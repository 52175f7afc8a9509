import type { Server } from 'node:http';

export interface ListeningServer {
  readonly server: Server;
  /** Where clients reach it (a wildcard host is reported as loopback). */
  readonly url: string;
  /** Stops accepting, and drops kept-alive connections so the process can exit. */
  close(): Promise<void>;
}

/** Starts a local HTTP server; port 0 picks a free port. */
export async function listen(server: Server, port: number, host: string): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
