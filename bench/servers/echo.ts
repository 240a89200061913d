/**
 * Baseline 1, the physical limit: a bare `ws` server on `/chat` that sends every frame straight
 * back. No parsing, no state. Runs as a child process of bench/run.ts.
 */
import { WebSocketServer } from 'ws';
import { announceFailure, announceReady } from './child-ipc.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/chat', maxPayload: 16 * 1024 });
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  socket.on('error', () => socket.terminate());
});
server.on('error', announceFailure);
server.on('listening', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') announceFailure(new Error('the server has no TCP address'));
  announceReady(address.port, () => new Promise((resolve) => {
    for (const client of server.clients) client.terminate();
    server.close(() => resolve());
  }));
});
