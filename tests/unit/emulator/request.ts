/** Real HTTP over loopback for the emulator tests: node:http for requests, node:net for raw bytes. */
import { Buffer } from 'node:buffer';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  /** header values by lower-case name, repeated headers kept apart */
  all: (name: string) => string[];
  body: Buffer;
  /** the body arrived completely */
  complete: boolean;
  /** error code when the response was cut off */
  error?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/** One request on a fresh connection; resolves when the response ends or breaks. */
export function fetch(url: string, options: RequestOptions = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy(new Error(`no complete answer from ${url} within ${options.timeoutMs ?? 5000} ms`));
    }, options.timeoutMs ?? 5000);
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let error: string | undefined;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => {
        error = e.code ?? e.message;
      });
      res.on('close', () => {
        clearTimeout(timer);
        const raw = res.rawHeaders;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          all: (name) => {
            const values: string[] = [];
            for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === name.toLowerCase()) values.push(raw[i + 1]!);
            return values;
          },
          body: Buffer.concat(chunks),
          complete: res.complete && !error,
          error,
        });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(options.body);
  });
}

/** The error code a request fails with (e.g. ECONNRESET), or "answered" when it got a response. */
export function failureOf(url: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.destroy();
      resolve('timeout');
    }, timeoutMs);
    const req = request(url, { agent: false }, (res) => {
      clearTimeout(timer);
      res.resume();
      resolve('answered');
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code ?? e.message);
    });
    req.end();
  });
}

export interface RawConnection {
  socket: Socket;
  /** every chunk received, with the time it arrived (performance.now()) */
  chunks: Array<{ at: number; data: Buffer }>;
  closed: Promise<void>;
  received: () => Buffer;
}

/** Opens a TCP connection and sends `text` as is. */
export async function raw(port: number, text: string | Buffer, host = '127.0.0.1'): Promise<RawConnection> {
  const socket = connect({ port, host });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', () => {});
  const chunks: RawConnection['chunks'] = [];
  socket.on('data', (data: Buffer) => chunks.push({ at: performance.now(), data }));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(text);
  return { socket, chunks, closed, received: () => Buffer.concat(chunks.map((c) => c.data)) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
