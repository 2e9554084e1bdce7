// Fleet reports the bot could not map to a person: kept (never dropped), one entry a device, for admins to resolve.
import type { DeviceReport } from '../licensing/device-report.ts';
import type { MigrationStore } from '../store/store.ts';

export const UNMAPPED_DOC = 'unmapped-devices';
const ID = 'all';
/** Devices kept; the oldest go first beyond this. */
export const MAX_UNMAPPED = 2000;

export interface UnmappedDevice {
  /** Host name, lower case. */
  device: string;
  user?: string;
  at: number;
  report: DeviceReport;
}

interface UnmappedDoc {
  devices: UnmappedDevice[];
}

async function change(store: MigrationStore, edit: (list: UnmappedDevice[]) => UnmappedDevice[]): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const cur = await store.getDoc<UnmappedDoc>(UNMAPPED_DOC, ID);
    const next: UnmappedDoc = { devices: edit([...(cur?.devices ?? [])]) };
    const ok = cur
      ? await store.compareAndSetDoc(UNMAPPED_DOC, ID, cur, next)
      : await store.putDocIfAbsent(UNMAPPED_DOC, ID, next);
    if (ok) return;
  }
  throw new Error('unmapped devices: changed by others 20 times in a row');
}

/** Keeps the latest report of a device nobody could be found for. */
export async function keepUnmapped(store: MigrationStore, report: DeviceReport, at: number): Promise<void> {
  const device = report.hostname.toLowerCase();
  const entry: UnmappedDevice = { device, at, report, ...(report.user ? { user: report.user } : {}) };
  await change(store, (list) => [...list.filter((d) => d.device !== device), entry].slice(-MAX_UNMAPPED));
}

/** Every unmapped device, oldest first. */
export async function listUnmapped(store: MigrationStore): Promise<UnmappedDevice[]> {
  return (await store.getDoc<UnmappedDoc>(UNMAPPED_DOC, ID))?.devices ?? [];
}

/** Takes a device off the list (once it is resolved); returns the entry, if it was there. */
export async function takeUnmapped(store: MigrationStore, device: string): Promise<UnmappedDevice | undefined> {
  let taken: UnmappedDevice | undefined;
  await change(store, (list) => {
    taken = list.find((d) => d.device === device.toLowerCase());
    return list.filter((d) => d.device !== device.toLowerCase());
  });
  return taken;
}
