/**
 * Serves test pages over HTTP on 127.0.0.1: the files in tests/fixtures/pages,
 * plus pages a test adds at run time (generated content, custom headers such
 * as a strict Content-Security-Policy). Records every request it receives.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { PAGES_DIR } from './paths';
import { closeServer, listenLocal } from './local-server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

interface DynamicPage {
  body: string | Buffer;
  headers: Record<string, string>;
}

export interface PageRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export class PageServer {
  private server: Server | null = null;
  private pages = new Map<string, DynamicPage>();
  readonly requests: PageRequest[] = [];
  port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Serves `body` at `path` (HTML unless a content-type header says otherwise). */
  addPage(path: string, body: string | Buffer, headers: Record<string, string> = {}): string {
    this.pages.set(path, { body, headers: { 'content-type': TYPES['.html']!, ...headers } });
    return this.url(path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', this.origin);
        this.requests.push({ method: req.method ?? 'GET', url: url.href, headers: req.headers, body });
        const dynamic = this.pages.get(url.pathname);
        if (dynamic) {
          res.writeHead(200, dynamic.headers);
          return void res.end(dynamic.body);
        }
        const path = normalize(join(PAGES_DIR, url.pathname === '/' ? 'index.html' : url.pathname));
        if (!path.startsWith(PAGES_DIR)) return void res.writeHead(403).end();
        try {
          const file = await readFile(path);
          res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
          res.end(file);
        } catch {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
      });
    });
    this.port = await listenLocal(this.server);
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await closeServer(server);
  }
}
