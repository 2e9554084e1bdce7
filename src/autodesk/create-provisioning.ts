// Picks the provider named by PROVISIONING. The composition root calls this once.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createCsvProvider } from './csv/csv-provider.ts';
import { createEntraProvider } from './entra/entra-provider.ts';
import type { ProvisioningProvider } from '../ports/provisioning.ts';
import { createSimulatorProvider } from './simulator-provider.ts';
import type { MigrationStore } from '../store/store.ts';
import { createAutodesk, type AutodeskConfig } from './team-admin/create-autodesk.ts';

export type ProvisioningConfig = Pick<
  Config,
  | 'PROVISIONING'
  | 'ENTRA_TENANT_ID'
  | 'ENTRA_CLIENT_ID'
  | 'ENTRA_CLIENT_SECRET'
  | 'ENTRA_GROUPS'
  | 'GRAPH_URL'
  | 'ENTRA_LOGIN_URL'
> &
  AutodeskConfig;

export interface ProvisioningDeps {
  now?: () => number;
  logger?: Logger;
  /** Injected so tests of retries do not wait. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Where the Autodesk connection and pace live (PROVISIONING=autodesk). */
  store?: MigrationStore;
}

export function createProvisioning(config: ProvisioningConfig, deps: ProvisioningDeps = {}): ProvisioningProvider {
  const now = deps.now ?? Date.now;
  switch (config.PROVISIONING) {
    case 'csv':
      return createCsvProvider({ now });
    case 'simulator':
      return createSimulatorProvider({ now });
    case 'autodesk': {
      if (!deps.store) throw new Error('PROVISIONING=autodesk needs the store');
      return createAutodesk(config, {
        store: deps.store,
        now,
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      }).provider;
    }
    case 'entra': {
      const { ENTRA_TENANT_ID: tenantId, ENTRA_CLIENT_ID: clientId, ENTRA_CLIENT_SECRET: clientSecret } = config;
      if (!tenantId || !clientId || !clientSecret)
        throw new Error('PROVISIONING=entra needs ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET');
      return createEntraProvider({
        tenantId,
        clientId,
        clientSecret,
        groups: config.ENTRA_GROUPS,
        graphUrl: config.GRAPH_URL,
        loginUrl: config.ENTRA_LOGIN_URL,
        now,
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(deps.random ? { random: deps.random } : {}),
      });
    }
  }
}
