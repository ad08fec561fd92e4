// Drives an unmodified BullMQ Queue and Worker against the server on PORT.
const { Queue, Worker, QueueEvents } = require('bullmq');
const port = parseInt(process.env.PORT, 10);
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
const name = 'q' + Date.now();
async function main() {
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  await events.waitUntilReady();
  const seen = {};
  let completedEvents = 0, failedEvents = 0;
  events.on('completed', () => completedEvents++);
  events.on('failed', () => failedEvents++);
  let attemptsOfFlaky = 0;
  const worker = new Worker(name, async job => {
    if (job.name === 'flaky') {
      attemptsOfFlaky++;
      if (attemptsOfFlaky < 3) throw new Error('boom ' + attemptsOfFlaky);
    }
    if (job.name === 'doomed') throw new Error('always');
    seen[job.id] = (seen[job.id] || 0) + 1;
    return job.data.n * 2;
  }, { connection, concurrency: 5 });
  for (let i = 0; i < 30; i++) await queue.add('job', { n: i }, { removeOnComplete: 10, removeOnFail: 5 });
  await queue.add('flaky', { n: 100 }, { attempts: 3, backoff: { type: 'exponential', delay: 50 } });
  await queue.add('doomed', { n: 200 }, { attempts: 2, backoff: { type: 'fixed', delay: 20 }, removeOnFail: 5 });
  await queue.upsertJobScheduler('every-second', { pattern: '* * * * * *' }, { name: 'cron', data: { n: 7 } });
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const done = Object.keys(seen).length;
    if (done >= 33 && failedEvents >= 1) break; // 30 jobs + flaky + at least 2 cron runs
    await new Promise(r => setTimeout(r, 50));
  }
  const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
  await queue.removeJobScheduler('every-second');
  await worker.close(); await events.close(); await queue.close();
  const dup = Object.entries(seen).filter(([, n]) => n !== 1);
  console.log(JSON.stringify({ processed: Object.keys(seen).length, dup: dup.length, attemptsOfFlaky, completedEvents, failedEvents, counts }));
}
main().catch(e => { console.error('ERROR', e); process.exit(1); });
