/**
 * The simulator and its byte-counting proxy, in a worker thread: the simulator computes its answers
 * synchronously (generating a day of a 1,000-agent org takes over a second), and on the bench's own thread that
 * would hold up the timing of the CLI it is measuring.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { startSim } from '../../dist/sim.js';
import { countingProxy } from './proxy.mjs';

const sim = await startSim({ port: 0, ...workerData });
const proxy = await countingProxy(sim.port);
parentPort.postMessage({ type: 'ready', url: proxy.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
parentPort.on('message', async (m) => {
  if (m.type === 'stats') {
    parentPort.postMessage({
      type: 'stats',
      requests: sim.requests(),
      proxy: { ...proxy.stats },
      // Time this thread's event loop was busy: the simulator computing answers (and the proxy copying bytes).
      busyMs: performance.eventLoopUtilization().active,
    });
  }
  if (m.type === 'close') {
    await proxy.close();
    await sim.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
