// Starts a delivery replica process (test/delivery/worker-process.ts) and waits until its workers run.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerProcessConfig } from '../worker-process.ts';

const WORKER = fileURLToPath(new URL('../worker-process.ts', import.meta.url));

/** CPU a replica spent between "ready" and SIGTERM, as it reports it on stopping. */
export interface WorkerCpu {
  userMs: number;
  systemMs: number;
}

const cpuReports = new WeakMap<ChildProcess, Promise<WorkerCpu | undefined>>();

/** BENCH_CPU_PROF=<dir>: each replica writes a V8 CPU profile there when it exits (to see where a send's CPU goes). */
const profiling = (): string[] => {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};

export function spawnWorker(config: WorkerProcessConfig): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...profiling(), '--import', 'tsx', WORKER, JSON.stringify(config)], {
    // The IPC channel closes when this process dies, however it dies: the worker then exits instead of lingering.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  cpuReports.set(
    child,
    new Promise((resolve) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^cpu (\{.*\})$/m.exec(out);
        if (m) resolve(JSON.parse(m[1]!) as WorkerCpu);
      });
      child.once('exit', () => resolve(undefined));
    }),
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`delivery worker exited early (${code})`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
  });
}

/** Resolves when the process has exited. */
export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));

/** The CPU the replica reported when stopped with SIGTERM; undefined when it died without reporting. */
export const workerCpu = (child: ChildProcess): Promise<WorkerCpu | undefined> =>
  cpuReports.get(child) ?? Promise.resolve(undefined);
