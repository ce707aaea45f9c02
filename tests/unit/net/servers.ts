/** Small loopback servers for the network adapter tests; every one is closed by closeAll(). */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A self-signed certificate for wsus.corp.example, localhost and 127.0.0.1, valid 2000–2100 (test
 * fixture only; generated with openssl for these tests).
 */
export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9+E5xXAaC1n/kLGc
pFmYOdSTJWlSgb9hpRsQIBgVF+yhRANCAAQOcEFzEaRe9IdF9BaeoSf7U8ragfTq
Ag1Si+zETcaN4rtMVlvow+TRcBftDA+SrX5wviNfjQkO2Lta1LdxFbO5
-----END PRIVATE KEY-----
`;
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBrjCCAVSgAwIBAgIBATAKBggqhkjOPQQDAjAcMRowGAYDVQQDDBF3c3VzLmNv
cnAuZXhhbXBsZTAgFw0wMDAxMDEwMDAwMDBaGA8yMTAwMDEwMTAwMDAwMFowHDEa
MBgGA1UEAwwRd3N1cy5jb3JwLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMB
BwNCAAQOcEFzEaRe9IdF9BaeoSf7U8ragfTqAg1Si+zETcaN4rtMVlvow+TRcBft
DA+SrX5wviNfjQkO2Lta1LdxFbO5o4GEMIGBMC0GA1UdEQQmMCSCEXdzdXMuY29y
cC5leGFtcGxlgglsb2NhbGhvc3SHBH8AAAEwDwYDVR0TAQH/BAUwAwEB/zALBgNV
HQ8EBAMCAoQwEwYDVR0lBAwwCgYIKwYBBQUHAwEwHQYDVR0OBBYEFKlDT2tBIl5r
7TTc2cBtSZqtUHysMAoGCCqGSM49BAMCA0gAMEUCIQDENrHgYnHCexbqmrxeukVq
BkD/m4U3qUhVCH9jAsKuQwIgQe/2hfJ1PpdOsfpd1j96lsQp3Kl/bsnJiJ8NqqQN
Za8=
-----END CERTIFICATE-----
`;

type Closable = http.Server | net.Server;

export class Servers {
  readonly #servers: Closable[] = [];
  readonly #sockets = new Set<net.Socket>();

  #track<T extends Closable>(server: T, connectionEvent: 'connection' | 'secureConnection' = 'connection'): T {
    server.on(connectionEvent, (socket: net.Socket) => {
      this.#sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    this.#servers.push(server);
    return server;
  }

  static async listen(server: Closable): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async http(handler: http.RequestListener): Promise<number> {
    const server = this.#track(http.createServer({ keepAlive: false }, handler));
    return Servers.listen(server);
  }

  async https(handler: http.RequestListener): Promise<number> {
    const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, handler);
    this.#track(server, 'connection');
    return Servers.listen(server);
  }

  /** A raw TCP server: the handler gets every accepted socket. */
  async tcp(handler: (socket: net.Socket) => void): Promise<number> {
    const server = this.#track(net.createServer(handler));
    return Servers.listen(server);
  }

  /** A port that was just free (nothing listens on it). */
  async closedPort(): Promise<number> {
    const server = net.createServer();
    const port = await Servers.listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  async closeAll(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await Promise.all(this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    this.#servers.length = 0;
  }
}

export const LIMITS = { connectTimeoutMs: 2000, totalTimeoutMs: 5000 };
