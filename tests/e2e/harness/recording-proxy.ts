/**
 * An HTTP proxy for the browser (LaunchOptions.proxyPort) that records every request
 * the browser makes — pages, extension pages, the service worker — with its
 * URL, headers and body, and forwards plain HTTP to its target. HTTPS
 * tunnels (CONNECT) are recorded by host and refused: tests run offline.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listenLocal } from './local-server';

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export class RecordingProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  readonly requests: ProxiedRequest[] = [];
  port = 0;

  /** Requests whose URL, headers or body contain `needle`. */
  carrying(needle: string): ProxiedRequest[] {
    return this.requests.filter((r) => r.url.includes(needle) || JSON.stringify(r.headers).includes(needle) || r.body.includes(needle));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const url = req.url ?? '';
        this.requests.push({ method: req.method ?? 'GET', url, headers: req.headers, body: body.toString('utf8') });
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          return void res.writeHead(400).end();
        }
        const upstream = httpRequest(
          { host: target.hostname, port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => res.headersSent ? res.end() : res.writeHead(502).end());
        upstream.end(body);
      });
    });
    this.server.on('connect', (req: IncomingMessage, socket: Socket) => {
      this.requests.push({ method: 'CONNECT', url: req.url ?? '', headers: req.headers, body: '' });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.port = await listenLocal(this.server);
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await closeServer(server, () => this.sockets.forEach((s) => s.destroy()));
  }
}
