// `numbot status [--json]`: progress per step, per product and per department, from the store's counters.
import { parseArgs } from 'node:util';
import { progressFromCounters } from '../domain/progress.ts';
import { STEP_STATUSES, type StepName } from '../domain/types.ts';
import type { CliIo } from './io.ts';
import { openCliStore } from './open.ts';

const STEP_TITLES: Record<StepName, string> = {
  step1: '1 invite users',
  step2: '2 assign products',
  step3: '3 switch to named',
  step4: '4 inform users',
  overall: 'overall',
};

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.out(
      'Usage: numbot status [--json]\nProgress of the migration per step, product and department (REDIS_URL, MIGRATION_ID).',
    );
    return 0;
  }
  const { store, config } = await openCliStore(io);
  try {
    const progress = progressFromCounters(await store.counters());
    if (values.json) {
      io.out(JSON.stringify(progress));
      return 0;
    }
    io.out(`Migration ${config.MIGRATION_ID}: ${progress.total} people, ${progress.optedOut} opted out of reminders\n`);
    for (const step of Object.keys(STEP_STATUSES) as StepName[]) {
      const counts = progress.steps[step] as Record<string, number>;
      const cells = STEP_STATUSES[step].map((s) => `${s} ${counts[s] ?? 0}`).join('  ');
      io.out(`${STEP_TITLES[step].padEnd(20)} ${cells}`);
    }
    const products = Object.entries(progress.products);
    if (products.length) {
      io.out('\nproduct               people  assigned  switched');
      for (const [name, p] of products.sort())
        io.out(
          `${name.padEnd(20)} ${String(p.total).padStart(7)} ${String(p.assigned).padStart(9)} ${String(p.switched).padStart(9)}`,
        );
    }
    const depts = Object.entries(progress.departments);
    if (depts.length) {
      io.out('\ndepartment           people  done  pending  needs help');
      for (const [name, d] of depts.sort())
        io.out(
          `${name.padEnd(20)} ${String(d.total).padStart(7)} ${String(d.done).padStart(5)} ${String(d.pending).padStart(8)} ${String(d.needsHelp).padStart(11)}`,
        );
    }
    return 0;
  } finally {
    await store.close();
  }
}
