/** Benchmark writers in a process of their own (see WriterProcesses): a WritersTask in, its WritersTally out. */
import { runWriters, type WritersTask } from './writes.ts';

process.on('message', (task: WritersTask) => {
  runWriters(task).then(
    (tally) => process.send?.(tally),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send?.('ready');
