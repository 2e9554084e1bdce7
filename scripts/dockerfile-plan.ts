// The Dockerfile as data: its stages and, in each, the steps CI replays (scripts/dockerfile-dry-run.ts) and a test
// checks (test/deploy/dockerfile.test.ts). Parsed with dockerfile-ast, the parser of VS Code's Docker extension.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

export type Step =
  | { kind: 'workdir'; path: string }
  | { kind: 'env'; name: string; value: string }
  | { kind: 'copy'; from?: string; sources: string[]; dest: string }
  | { kind: 'run'; command: string };

export interface Stage {
  name: string;
  image: string;
  steps: Step[];
  user?: string;
  healthcheck?: string[];
  cmd?: string[];
  expose: number[];
}

/** `${NAME}` and `$NAME` from the Dockerfile's ARGs (with defaults). */
function expand(text: string, args: Map<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a: string, b: string) => args.get(a ?? b) ?? whole);
}

/** Exec form (`["a", "b"]`) only: a shell form would need a shell in the image and hides signals from the process. */
function execForm(text: string, what: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string'))
    throw new Error(`${what} must be in exec form: ["executable", "arg", ...]`);
  return parsed;
}

export function planDockerfile(path: string): Stage[] {
  const file = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of file.getInstructions()) {
    const keyword = instruction.getKeyword();
    const content = expand(instruction.getArgumentsContent() ?? '', args);
    const stage = stages.at(-1);
    if (keyword === 'ARG') {
      const [name, value] = content.split('=', 2);
      if (name && value !== undefined) args.set(name.trim(), value.trim());
      continue;
    }
    if (keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(content.trim());
      if (!m) throw new Error(`FROM ${content}: expected "FROM <image> [AS <name>]"`);
      stages.push({ name: m[2] ?? String(stages.length), image: m[1]!, steps: [], expose: [] });
      continue;
    }
    if (!stage) throw new Error(`${keyword} before any FROM`);
    const flags = new Map(
      ('getFlags' in instruction
        ? (instruction as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags()
        : []
      ).map((f) => [f.getName(), f.getValue() ?? '']),
    );
    switch (keyword) {
      case 'WORKDIR':
        stage.steps.push({ kind: 'workdir', path: content.trim() });
        break;
      case 'ENV': {
        const [name, ...value] = content.split('=');
        stage.steps.push({ kind: 'env', name: name!.trim(), value: value.join('=').trim() });
        break;
      }
      case 'COPY': {
        const parts = content.trim().split(/\s+/);
        const from = flags.get('from');
        stage.steps.push({ kind: 'copy', ...(from ? { from } : {}), sources: parts.slice(0, -1), dest: parts.at(-1)! });
        break;
      }
      case 'RUN':
        stage.steps.push({ kind: 'run', command: content.trim() });
        break;
      case 'USER':
        stage.user = content.trim();
        break;
      case 'EXPOSE':
        stage.expose.push(...content.trim().split(/\s+/).map(Number));
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = execForm(content.replace(/^CMD\s+/, ''), 'HEALTHCHECK');
        break;
      case 'CMD':
        stage.cmd = execForm(content, 'CMD');
        break;
      default:
        throw new Error(`${keyword}: not replayed by scripts/dockerfile-dry-run.ts (teach it, or do without)`);
    }
  }
  return stages;
}
