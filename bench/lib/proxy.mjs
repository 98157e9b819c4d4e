/**
 * A loopback TCP proxy in front of the simulator that counts the bytes the client receives (headers and bodies,
 * as on the wire) and the connections it opens.
 */
import { connect, createServer } from 'node:net';

export async function countingProxy(targetPort) {
  const stats = { bytesReceived: 0, bytesSent: 0, connections: 0 };
  const sockets = new Set();
  const server = createServer((client) => {
    stats.connections++;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (d) => (stats.bytesReceived += d.length));
    client.on('data', (d) => (stats.bytesSent += d.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
