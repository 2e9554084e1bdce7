// The deployment files, checked as far as this machine can without a container runtime or a cluster: every YAML
// parses, the Kubernetes objects validate against the Kubernetes API schemas (kubernetes-models), compose.yaml against
// the Compose specification's schema (schemas/compose-spec.json), and the properties operators rely on hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { envSchema } from '../../src/config.ts';
import { planDockerfile } from '../../scripts/dockerfile-plan.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const yamlOf = (path: string) => {
  const docs = parseAllDocuments(read(path));
  for (const d of docs) expect(d.errors, path).toEqual([]);
  return docs.map((d) => d.toJS() as Record<string, unknown>);
};

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  Service,
  ConfigMap,
  Secret,
  PodDisruptionBudget,
};
const FILES = ['configmap.yaml', 'deployment.yaml', 'service.yaml', 'pdb.yaml', 'secret.example.yaml'];

type Container = {
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
  securityContext: { allowPrivilegeEscalation: boolean };
};

describe('deploy/ (Kubernetes)', () => {
  it.each(FILES)('%s is valid against the Kubernetes API schema of its kind', (file) => {
    for (const doc of yamlOf(`deploy/${file}`)) {
      const Model = MODELS[String(doc.kind)];
      expect(Model, `${file}: ${String(doc.kind)}`).toBeDefined();
      expect(() => new Model!(doc as never).validate()).not.toThrow();
    }
  });

  it('is a real check: a wrong type or a missing field is refused', () => {
    const [deployment] = yamlOf('deploy/deployment.yaml');
    const broken = structuredClone(deployment!) as { spec: { replicas: unknown; selector?: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas/);
    delete broken.spec.selector;
    broken.spec.replicas = 2;
    expect(() => new Deployment(broken as never).validate()).toThrow(/selector/);
  });

  it('probes /livez for liveness and /readyz for readiness, keeps one replica through disruptions, and takes secrets by reference', () => {
    const [deployment] = yamlOf('deploy/deployment.yaml') as unknown as {
      spec: {
        replicas: number;
        template: { spec: { securityContext: { runAsNonRoot: boolean }; containers: Container[] } };
      };
    }[];
    const pod = deployment!.spec.template.spec;
    const [c] = pod.containers;
    expect(c!.livenessProbe.httpGet.path).toBe('/livez');
    expect(c!.readinessProbe.httpGet.path).toBe('/readyz');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(c!.securityContext.allowPrivilegeEscalation).toBe(false);
    const [pdb] = yamlOf('deploy/pdb.yaml') as unknown as { spec: { minAvailable: number } }[];
    expect(pdb!.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb!.spec.minAvailable).toBeLessThan(deployment!.spec.replicas);
    // Every secret comes from the Secret, never as a literal value; every variable is one the bot reads.
    const secrets = ['MICROSOFT_APP_PASSWORD', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'REDIS_PASSWORD'];
    for (const name of secrets)
      expect(c!.env.find((e) => e.name === name)?.valueFrom?.secretKeyRef?.name, name).toBe('numbot-secrets');
    expect(c!.env.filter((e) => e.value !== undefined)).toEqual([]);
    const [config] = yamlOf('deploy/configmap.yaml') as unknown as { data: Record<string, string> }[];
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of [...Object.keys(config!.data), ...c!.env.map((e) => e.name)])
      expect(known.has(name), name).toBe(true);
    const kustomization = parse(read('deploy/kustomization.yaml')) as { resources: string[] };
    expect(kustomization.resources).not.toContain('secret.example.yaml');
  });
});

describe('compose.yaml', () => {
  // Its `$schema` names draft 2019-09 by an older address than ajv's (ajv's own 2019-09 meta-schema is used), and it
  // names its parts with the draft-04 `id`, which ajv refuses: both are left aside, every rule is kept.
  const withoutIds = (node: unknown, underProperties = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => withoutIds(n));
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k, v]) => underProperties || !((k === 'id' && typeof v === 'string') || k === '$schema'))
        .map(([k, v]) => [k, withoutIds(v, k === 'properties' && !underProperties)]),
    );
  };
  const schema = withoutIds(JSON.parse(read('schemas/compose-spec.json'))) as Record<string, unknown>;
  const validate = new Ajv2019({ strict: false, allErrors: true }).compile(schema);

  it('is valid against the Compose specification schema', () => {
    const compose = parse(read('compose.yaml')) as unknown;
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is a real check: an unknown key is refused', () => {
    const compose = parse(read('compose.yaml')) as { services: { bot: Record<string, unknown> } };
    compose.services.bot.restartt = 'always';
    expect(validate(compose)).toBe(false);
  });

  it('runs the bot against Redis with AOF on and its data in a volume', () => {
    const compose = parse(read('compose.yaml')) as {
      services: Record<string, { command?: string[]; volumes?: string[]; environment?: Record<string, string> }>;
      volumes: Record<string, unknown>;
    };
    const redis = compose.services.redis!;
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    const [volume] = redis.volumes![0]!.split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(compose.services.bot!.environment!.REDIS_URL).toBe('redis://redis:6379');
  });
});

describe('Dockerfile', () => {
  it('builds in stages and runs the compiled bot as a non-root user, with a HEALTHCHECK on /livez', () => {
    const stages = planDockerfile(join(root, 'Dockerfile'));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const last = stages.at(-1)!;
    expect(last.user).toBe('node');
    expect(last.healthcheck?.join(' ')).toContain('/livez');
    expect(last.cmd).toEqual(['node', '--enable-source-maps', 'dist/main.js']);
    // The image's node_modules come from a stage that installed production dependencies only.
    const modules = last.steps.find((s) => s.kind === 'copy' && s.sources.includes('/app/node_modules'));
    const from = stages.find((s) => modules?.kind === 'copy' && s.name === modules.from);
    expect(from?.steps.some((s) => s.kind === 'run' && s.command.includes('--omit=dev'))).toBe(true);
    expect(last.steps.some((s) => s.kind === 'run')).toBe(false);
  });
});
