// Which column holds what. Roster files come from HR tools, Active Directory and Autodesk exports in English,
// French, Dutch and German; headers are matched ignoring case, accents, spaces, underscores, hyphens and dots.

export const ROSTER_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'manager',
  'locale',
  'timeZone',
  'department',
  'products',
  'role',
  'logins',
  'productName',
  'offeringName',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Accepted headers per field, most specific first: when two columns match one field, the earlier synonym wins. */
const SYNONYMS: Record<RosterField, string[]> = {
  firstName: ['First Name', 'Prénom', 'Voornaam', 'Vorname', 'givenName', 'Given Name', 'Forename', 'Roepnaam'],
  lastName: [
    'Last Name',
    'Nom de famille',
    'Nom',
    'Achternaam',
    'Nachname',
    'Familienname',
    'surname',
    'Family Name',
    'sn',
  ],
  email: [
    'Email',
    'E-mail address',
    'Email address',
    'Adresse e-mail',
    'Adresse électronique',
    'Courriel',
    'E-mailadres',
    'E-Mail-Adresse',
    'mail',
    'UserPrincipalName',
    'UPN',
  ],
  manager: [
    'Manager',
    'Manager E-mail',
    'Manager Email address',
    'Responsable',
    'E-mail du responsable',
    'Gestionnaire',
    'Leidinggevende',
    'E-mailadres leidinggevende',
    'Vorgesetzter',
    'E-Mail Vorgesetzter',
    'Supervisor',
  ],
  locale: ['Language', 'Langue', 'Taal', 'Sprache', 'locale', 'preferredLanguage', 'lang'],
  timeZone: ['Time Zone', 'tz', 'Fuseau horaire', 'Tijdzone', 'Zeitzone'],
  department: ['Department', 'Service', 'Département', 'Afdeling', 'Abteilung', 'dept'],
  products: ['Products', 'Produits', 'Producten', 'Produkte', 'Product', 'Produit', 'Produkt'],
  role: ['Role', 'Rôle', 'Rol', 'Rolle', 'Roles'],
  logins: [
    'Login',
    'Logins',
    'Username',
    'sAMAccountName',
    'Windows login',
    'Login name',
    'Identifiant',
    'Gebruikersnaam',
    'Benutzername',
    'Anmeldename',
  ],
  productName: ['product_name'],
  offeringName: ['offering_name'],
};

/** Autodesk user/usage export columns the roster reads nothing from; recognised so they are not reported as unknown. */
const AUTODESK_UNUSED = [
  'access_option',
  'account_status',
  'assigned_date',
  'autodesk_id',
  'contract_number',
  'days_used',
  'group',
  'last_accessed',
  'seat_assignment',
  'subscription_id',
  'team',
  'version',
  'user_activity',
  'status',
  'product_line_code',
];

/** Lower-cases and strips accents, spaces, underscores, hyphens and dots: `Adresse e-mail` → `adresseemail`. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
}

const LOOKUP = new Map<string, { field: RosterField; rank: number }>();
for (const field of ROSTER_FIELDS)
  SYNONYMS[field].forEach((name, rank) => LOOKUP.set(normaliseHeader(name), { field, rank }));
const UNUSED = new Set(AUTODESK_UNUSED.map(normaliseHeader));

export interface HeaderMap {
  /** Column index of each recognised field. */
  columns: Partial<Record<RosterField, number>>;
  /** Header cells matching no known column (a misspelt header shows up here). */
  unknown: string[];
  /** Known columns the roster takes nothing from (Autodesk export statistics, a second e-mail column...). */
  unused: string[];
  /** An Autodesk user/usage export: one row per user and product, so rows with one e-mail are merged. */
  perProduct: boolean;
  /** Number of header cells: the column count every row should have. */
  width: number;
}

export type HeaderResult = { ok: true; map: HeaderMap } | { ok: false; reason: string };

const REQUIRED: RosterField[] = ['email', 'firstName', 'lastName'];
const LABEL: Record<RosterField, string> = {
  firstName: 'first name',
  lastName: 'last name',
  email: 'e-mail',
  manager: 'manager',
  locale: 'language',
  timeZone: 'time zone',
  department: 'department',
  products: 'products',
  role: 'role',
  logins: 'login',
  productName: 'product_name',
  offeringName: 'offering_name',
};

/** The display name of a field in messages, e.g. `first name`. */
export function fieldLabel(field: RosterField): string {
  return LABEL[field];
}

/**
 * Maps a header row to fields. Fails, listing what was found and what is expected, when the e-mail, first-name
 * or last-name column is missing: a roster without them cannot be imported at all.
 */
export function recogniseHeaders(header: string[]): HeaderResult {
  const best = new Map<RosterField, { index: number; rank: number }>();
  const unknown: string[] = [];
  const unused: string[] = [];
  header.forEach((cell, index) => {
    const name = cell.trim();
    const hit = LOOKUP.get(normaliseHeader(cell));
    if (!hit) {
      if (UNUSED.has(normaliseHeader(cell))) unused.push(name);
      else if (name) unknown.push(name);
      return;
    }
    const cur = best.get(hit.field);
    if (cur && cur.rank <= hit.rank) {
      unused.push(name);
      return;
    }
    if (cur) unused.push((header[cur.index] ?? '').trim());
    best.set(hit.field, { index, rank: hit.rank });
  });
  const missing = REQUIRED.filter((f) => !best.has(f));
  if (missing.length) return { ok: false, reason: missingMessage(missing, header) };
  const columns: Partial<Record<RosterField, number>> = {};
  for (const [field, { index }] of best) columns[field] = index;
  return {
    ok: true,
    map: {
      columns,
      unknown,
      unused,
      perProduct: best.has('productName') || best.has('offeringName'),
      width: header.length,
    },
  };
}

function missingMessage(missing: RosterField[], header: string[]): string {
  const found = header.map((h) => h.trim()).filter(Boolean);
  const expected = missing.map((f) => `${LABEL[f]} (${SYNONYMS[f].slice(0, 5).join(' / ')})`);
  const foundText = found.length ? found.map((h) => JSON.stringify(h)).join(', ') : 'nothing';
  let hint = '';
  if (found.length === 1) hint = ' The header is a single column: separate columns with commas, semicolons or tabs.';
  return `missing required column${missing.length > 1 ? 's' : ''}: ${expected.join('; ')}. Found: ${foundText}.${hint} Nothing was imported.`;
}
