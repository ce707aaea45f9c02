/**
 * A Dialer opens a TCP connection and resolves once it is connected. Everything that connects (the
 * TCP probe, the HTTP client, the proxy tunnel) goes through one, so the simulated network can send
 * connections to the WSUS emulator on loopback while names, Host headers and redirects stay as they are.
 */
import net from 'node:net';
import { AbortedError, bareHost, NetError, toNetError } from './errors.js';

export interface DialOptions {
  /** time allowed for the connection, name lookup included (ms) */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Resolves with a connected socket, or rejects with a NetError (classified failure) or an AbortedError
 * (the signal fired). The returned socket has a no-op 'error' listener so a late error cannot crash the
 * process; consumers add their own.
 */
export type Dialer = (host: string, port: number, options: DialOptions) => Promise<net.Socket>;

function ignoreError(): void {
  // Consumers attach their own listeners; this one only keeps an unattended socket from throwing.
}

/** Connects with node:net, with its own connect timer (the socket is destroyed on timeout) and abort. */
export const directDialer: Dialer = (host, port, { timeoutMs, signal }) =>
  new Promise<net.Socket>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const socket = net.connect({ host: bareHost(host), port });
    socket.on('error', ignoreError);
    let settled = false;
    const cleanup = (): void => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    };
    const fail = (err: Error): void => {
      if (settled) return;
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onConnect = (): void => {
      if (settled) return;
      cleanup();
      resolve(socket);
    };
    const onError = (err: Error): void => fail(toNetError(err));
    const onAbort = (): void => fail(new AbortedError());
    const timer = setTimeout(
      () => fail(new NetError('timeout', `no connection to ${host}:${port} within ${timeoutMs} ms`, { sysCode: 'ETIMEDOUT' })),
      Math.max(0, timeoutMs),
    );
    socket.once('connect', onConnect);
    socket.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
