import type { PersonEvent } from '../domain/events.ts';

/** Events planned for one person, applied in order by apply-person-events.ts. */
export interface PersonChanges {
  personId: string;
  events: PersonEvent[];
}
