import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from '../src/config.ts';

const text = readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8');
const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

describe('.env.example', () => {
  it('lists every variable the config reads, and nothing else', () => {
    expect([...listed].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
  it('is itself a valid configuration', () => {
    const env = Object.fromEntries([...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(() => loadConfig(env)).not.toThrow();
  });
});
