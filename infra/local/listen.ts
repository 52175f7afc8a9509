import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

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

/** How many received requests a stand-in keeps for GET: the newest ones. */
const receivedKept = 1000;

/** Keeps `entry` in a stand-in's log of what it received, dropping the oldest past the limit. */
export function remember<Entry>(received: Entry[], entry: Entry): void {
  received.push(entry);
  if (received.length > receivedKept) received.shift();
}

/**
 * A local stand-in for a partner's endpoint (a WMS, a webhook receiver): GET lists what it received,
 * anything else is handed to `receive` with the raw body and the headers; a request that cannot be
 * read or parsed is answered 400.
 */
export const receiverServer = <Entry>(
  received: readonly Entry[],
  receive: (body: string, headers: Record<string, string>, response: ServerResponse) => Promise<void>,
): Server =>
  createServer((request, response) => {
    void (async () => {
      if (request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: received }, null, 2));
        return;
      }
      await receive(await readBody(request), headersOf(request), response);
    })().catch(() => response.writeHead(400).end());
  });
