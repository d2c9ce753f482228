// Baseline for bench:ingest: a bare node:http server that answers every request with the same
// GIF bytes as Glint's pixel (passed in hex by the benchmark) and does nothing else.
import { createServer } from 'node:http';

const gif = Buffer.from(process.env.GIF_HEX ?? '', 'hex');
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'Content-Type': 'image/gif',
    'Content-Length': gif.length,
    'Cache-Control': 'no-store, max-age=0',
  });
  response.end(gif);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
