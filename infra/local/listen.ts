import type { IncomingMessage, Server } from 'node:http';

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

/** The whole body of a request to one of the local stand-ins (they take small JSON bodies only). */
export const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** A request's headers as single strings, as the Standard Webhooks verifier takes them. */
export const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
