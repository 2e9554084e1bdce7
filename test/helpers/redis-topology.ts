// Real Redis topologies on 127.0.0.1 for the Cluster and Sentinel suites: redis-server processes started here, each
// with a password, in a temporary folder removed at the end. Nothing talks to any other address.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { RedisSettings } from '../../src/config.ts';

export const REDIS_PASSWORD = 'numbot-test-node-secret';
export const SENTINEL_PASSWORD = 'numbot-test-sentinel-secret';
export const SENTINEL_NAME = 'numbot-primary';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it is true, or throws `what` after `ms`. */
export async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One redis-server (or sentinel) process, which can be killed and started again on the same port and files. */
export class RedisProcess {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly args: string[],
    readonly dir: string,
  ) {}

  /** Starts the process (again), with `extra` arguments this time only. */
  async start(extra: string[] = []): Promise<void> {
    const child = spawn('redis-server', [...this.args, ...extra], { cwd: this.dir, stdio: 'ignore' });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve());
    });
    await waitFor(`redis on port ${this.port}`, () => this.ping());
  }

  private async ping(): Promise<boolean> {
    const c = this.client();
    try {
      return (await c.ping()) === 'PONG';
    } finally {
      c.disconnect();
    }
  }

  /** A plain connection to this one process (not following the topology). */
  client(password = this.password()): Redis {
    const c = new Redis({
      host: '127.0.0.1',
      port: this.port,
      password,
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    // Refused while the process starts or after it died: the command fails to its caller, which decides.
    c.on('error', () => undefined);
    return c;
  }

  private password(): string {
    return this.args.includes('--sentinel') ? SENTINEL_PASSWORD : REDIS_PASSWORD;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: the process dies at once, with whatever it had not yet sent to its replicas. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await exited;
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }
}

const nodeArgs = (port: number) => [
  '--port',
  String(port),
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
  '--requirepass',
  REDIS_PASSWORD,
  '--masterauth',
  REDIS_PASSWORD,
  '--protected-mode',
  'no',
  // A replica (re)joining gets its copy at once rather than after the default 5 s wait for other replicas.
  '--repl-diskless-sync-delay',
  '0',
];

/**
 * One password-protected redis-server on a free port, nothing saved to disk, not started yet: for tests that start,
 * kill and restart Redis under the bot. Its URL is `redisUrlOf(process)`.
 */
export async function standaloneRedis(name: string): Promise<RedisProcess> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  return new RedisProcess(
    port,
    [...args, '--requirepass', REDIS_PASSWORD],
    mkdtempSync(join(tmpdir(), `numbot-${name}-`)),
  );
}

export const redisUrlOf = (p: RedisProcess): string => `redis://:${REDIS_PASSWORD}@127.0.0.1:${p.port}`;

export interface Topology {
  settings: RedisSettings;
  /** Every process, to stop at the end. */
  processes: RedisProcess[];
  /** The process serving the primary of `key` right now. */
  primaryFor(key: string): Promise<RedisProcess>;
  /** Starts a killed process again as a replica of the current primary (what an orchestrator does). */
  rejoin(node: RedisProcess): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of three primaries, each with one replica (so a primary can fail over), password-protected.
 * `nodeTimeoutMs` is how long a primary may be silent before its replica takes over.
 */
export async function startCluster(nodeTimeoutMs = 1000): Promise<Topology> {
  const dir = mkdtempSync(join(tmpdir(), 'numbot-cluster-'));
  const ports = await Promise.all(Array.from({ length: 6 }, freePort));
  const processes = ports.map(
    (port) =>
      new RedisProcess(
        port,
        [
          ...nodeArgs(port),
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          String(nodeTimeoutMs),
          // Serve the slots still covered while one primary is down: the others' migrations carry on.
          '--cluster-require-full-coverage',
          'no',
          '--cluster-replica-validity-factor',
          '0',
        ],
        dir,
      ),
  );
  await Promise.all(processes.map((p) => p.start()));
  await run('redis-cli', [
    '-a',
    REDIS_PASSWORD,
    '--no-auth-warning',
    '--cluster',
    'create',
    ...ports.map((p) => `127.0.0.1:${p}`),
    '--cluster-replicas',
    '1',
    '--cluster-yes',
  ]);
  await waitFor('cluster state ok and replicas in sync on every node', async () => {
    for (const p of processes) {
      const c = p.client();
      try {
        const info = String(await c.call('CLUSTER', 'INFO'));
        if (!info.includes('cluster_state:ok')) return false;
        // A replica counts (for WAIT) once its first sync is done.
        const replication = await c.info('replication');
        if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false;
      } finally {
        c.disconnect();
      }
    }
    return true;
  });
  const byPort = new Map(processes.map((p) => [p.port, p]));
  return {
    settings: {
      topology: { kind: 'cluster', nodes: ports.slice(0, 3).map((port) => ({ host: '127.0.0.1', port })) },
      password: REDIS_PASSWORD,
      tls: false,
      waitReplicas: 1,
      waitTimeoutMs: 1000,
    },
    processes,
    async primaryFor(key) {
      for (const p of processes.filter((x) => x.running)) {
        const c = p.client();
        try {
          const slot = Number(await c.call('CLUSTER', 'KEYSLOT', key));
          const slots = (await c.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
          const owner = slots.find(([from, to]) => slot >= from && slot <= to);
          if (owner) return byPort.get(Number(owner[2][1]))!;
        } finally {
          c.disconnect();
        }
      }
      throw new Error(`no node serves ${key}`);
    },
    // Its nodes.conf tells it a replica took over its slots: it comes back as that replica's replica by itself.
    rejoin: (node) => node.start(),
    stop: () => stopAll(processes, dir),
  };
}

/**
 * A primary, one replica and one Sentinel (quorum 1), all password-protected; the Sentinel has a password of its own.
 * `downAfterMs` is how long the primary may be silent before the Sentinel fails it over.
 */
export async function startSentinel(downAfterMs = 1000): Promise<Topology & { sentinel: RedisProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'numbot-sentinel-'));
  const [primaryPort, replicaPort, sentinelPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const primary = new RedisProcess(primaryPort!, nodeArgs(primaryPort!), dir);
  const replica = new RedisProcess(
    replicaPort!,
    [...nodeArgs(replicaPort!), '--replicaof', '127.0.0.1', String(primaryPort)],
    dir,
  );
  await primary.start();
  await replica.start();
  await waitFor('the replica in sync', async () => {
    const c = replica.client();
    try {
      return (await c.info('replication')).includes('master_link_status:up');
    } finally {
      c.disconnect();
    }
  });
  // The Sentinel rewrites its configuration file as it learns the topology: it must be a file of its own.
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      'protected-mode no',
      `requirepass ${SENTINEL_PASSWORD}`,
      `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primaryPort} 1`,
      `sentinel auth-pass ${SENTINEL_NAME} ${REDIS_PASSWORD}`,
      `sentinel down-after-milliseconds ${SENTINEL_NAME} ${downAfterMs}`,
      `sentinel failover-timeout ${SENTINEL_NAME} 10000`,
      `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
      '',
    ].join('\n'),
  );
  const sentinel = new RedisProcess(sentinelPort!, [conf, '--sentinel'], dir);
  await sentinel.start();
  const processes = [primary, replica, sentinel];
  await waitFor('the sentinel to see the replica', async () => {
    const c = sentinel.client();
    try {
      const replicas = (await c.call('SENTINEL', 'REPLICAS', SENTINEL_NAME)) as unknown[];
      return replicas.length === 1;
    } finally {
      c.disconnect();
    }
  });
  const nodes = new Map([primary, replica].map((p) => [p.port, p]));
  const current = async () => {
    const c = sentinel.client();
    try {
      const [, port] = (await c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_NAME)) as [string, string];
      return nodes.get(Number(port))!;
    } finally {
      c.disconnect();
    }
  };
  return {
    sentinel,
    settings: {
      topology: {
        kind: 'sentinel',
        sentinels: [{ host: '127.0.0.1', port: sentinelPort! }],
        name: SENTINEL_NAME,
        sentinelPassword: SENTINEL_PASSWORD,
      },
      password: REDIS_PASSWORD,
      tls: false,
      waitReplicas: 1,
      waitTimeoutMs: 1000,
    },
    processes,
    primaryFor: current,
    // The Sentinel would turn it into a replica too, but only after it has been up for several of its 10 s checks;
    // starting it as a replica of the primary the Sentinel names is what an orchestrator's start script does.
    rejoin: async (node) => node.start(['--replicaof', '127.0.0.1', String((await current()).port)]),
    stop: () => stopAll(processes, dir),
  };
}

async function stopAll(processes: RedisProcess[], dir: string): Promise<void> {
  for (const p of processes) p.resume();
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err}`))));
  });
}
