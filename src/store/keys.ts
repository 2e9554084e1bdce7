// Redis key names. Everything of one migration shares the hash tag {migrationId}, so it lives on one Cluster slot
// and one Lua script may touch all of it.

export interface MigrationKeys {
  prefix: string;
  people: string;
  counters: string;
  audit: string;
  due: string;
  index(name: string): string;
  docs(kind: string): string;
  history(kind: string, id: string): string;
  lease(name: string): string;
}

export function migrationKeys(migrationId: string): MigrationKeys {
  const prefix = `num:{${migrationId}}:`;
  return {
    prefix,
    people: `${prefix}people`,
    counters: `${prefix}counters`,
    audit: `${prefix}audit`,
    due: `${prefix}due`,
    index: (name) => `${prefix}idx:${name}`,
    docs: (kind) => `${prefix}doc:${kind}`,
    history: (kind, id) => `${prefix}hist:${kind}:${id}`,
    lease: (name) => `${prefix}lease:${name}`,
  };
}
