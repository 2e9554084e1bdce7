import { describe, expect, it } from 'vitest';
import { normaliseHeader, recogniseHeaders, type HeaderMap } from '../../src/roster/headers.ts';

function map(header: string[]): HeaderMap {
  const r = recogniseHeaders(header);
  if (!r.ok) throw new Error(r.reason);
  return r.map;
}

describe('normaliseHeader', () => {
  it('ignores case, accents, spaces, underscores, hyphens and dots', () => {
    expect(normaliseHeader(' Adresse E-mail ')).toBe('adresseemail');
    expect(normaliseHeader('first_name')).toBe('firstname');
    expect(normaliseHeader('PRÉNOM')).toBe('prenom');
    expect(normaliseHeader('E-Mail-Adresse')).toBe('emailadresse');
  });
});

describe('recogniseHeaders', () => {
  it.each([
    [
      'English',
      [
        'First Name',
        'Last Name',
        'Email',
        'Manager',
        'Language',
        'Time Zone',
        'Department',
        'Products',
        'Role',
        'Login',
      ],
    ],
    [
      'French',
      [
        'Prénom',
        'Nom',
        'Courriel',
        'Responsable',
        'Langue',
        'Fuseau horaire',
        'Service',
        'Produits',
        'Rôle',
        'Identifiant',
      ],
    ],
    [
      'French (long)',
      [
        'prenom',
        'Nom de famille',
        'Adresse e-mail',
        'Gestionnaire',
        'LANGUE',
        'fuseau_horaire',
        'Département',
        'produits',
        'role',
        'login',
      ],
    ],
    [
      'Dutch',
      [
        'Voornaam',
        'Achternaam',
        'E-mailadres',
        'Leidinggevende',
        'Taal',
        'Tijdzone',
        'Afdeling',
        'Producten',
        'Rol',
        'Gebruikersnaam',
      ],
    ],
    [
      'German',
      [
        'Vorname',
        'Nachname',
        'E-Mail',
        'Vorgesetzter',
        'Sprache',
        'Zeitzone',
        'Abteilung',
        'Produkte',
        'Rolle',
        'Benutzername',
      ],
    ],
    [
      'directory',
      [
        'givenName',
        'sn',
        'mail',
        'Manager E-mail',
        'preferredLanguage',
        'tz',
        'dept',
        'Product',
        'Roles',
        'sAMAccountName',
      ],
    ],
  ])('maps %s headers to the roster fields', (_lang, header) => {
    expect(map(header).columns).toEqual({
      firstName: 0,
      lastName: 1,
      email: 2,
      manager: 3,
      locale: 4,
      timeZone: 5,
      department: 6,
      products: 7,
      role: 8,
      logins: 9,
    });
  });

  it('accepts the other spellings of the e-mail and login columns', () => {
    for (const h of ['E-mail', 'E-Mail', 'email', 'UserPrincipalName', 'Email Address', 'E-Mail-Adresse'])
      expect(map(['First Name', 'Last Name', h]).columns.email).toBe(2);
    for (const h of ['Username', 'Windows login', 'samaccountname'])
      expect(map(['First Name', 'Last Name', 'Email', h]).columns.logins).toBe(3);
  });

  it('prefers mail over userPrincipalName in an Active Directory export, whatever the order', () => {
    const m = map(['userPrincipalName', 'givenName', 'sn', 'mail']);
    expect(m.columns.email).toBe(3);
    expect(m.unused).toEqual(['userPrincipalName']);
    expect(map(['mail', 'givenName', 'sn', 'UserPrincipalName']).columns.email).toBe(0);
  });

  it('keeps the first of two identical columns and lists the second as unused', () => {
    const m = map(['Email', 'First Name', 'Last Name', 'E-mail']);
    expect(m.columns.email).toBe(0);
    expect(m.unused).toEqual(['E-mail']);
  });

  it('does not confuse "Manager E-mail" with the person\'s e-mail', () => {
    expect(map(['Manager E-mail', 'First Name', 'Last Name', 'Email']).columns).toMatchObject({ manager: 0, email: 3 });
  });

  it('recognises an Autodesk user/usage export as one row per user and product', () => {
    const header =
      'access_option,account_status,assigned_date,autodesk_id,contract_number,days_used,email,first_name,last_name,group,last_accessed,offering_name,product_name,role,seat_assignment,subscription_id,team,version,user_activity'.split(
        ',',
      );
    const m = map(header);
    expect(m.perProduct).toBe(true);
    expect(m.columns).toEqual({ email: 6, firstName: 7, lastName: 8, offeringName: 11, productName: 12, role: 13 });
    expect(m.unknown).toEqual([]);
    expect(m.unused).toContain('account_status');
    expect(m.unused).toContain('last_accessed');
    expect(m.width).toBe(19);
  });

  it('is not per-product for an HR file with a Products column', () => {
    expect(map(['First Name', 'Last Name', 'Email', 'Products']).perProduct).toBe(false);
  });

  it('lists columns it does not know so a misspelt header can be spotted', () => {
    expect(map(['Employee ID', 'First Name', 'Last Name', 'Email', 'Emial manager', '']).unknown).toEqual([
      'Employee ID',
      'Emial manager',
    ]);
  });

  it('refuses a header without e-mail, first or last name, saying what it found and what it expects', () => {
    const r = recogniseHeaders(['Name', 'Mail', 'Department']);
    expect(r).toEqual({
      ok: false,
      reason:
        'missing required columns: first name (First Name / Prénom / Voornaam / Vorname / givenName); ' +
        'last name (Last Name / Nom de famille / Nom / Achternaam / Nachname). ' +
        'Found: "Name", "Mail", "Department". Nothing was imported.',
    });
    const one = recogniseHeaders(['First Name|Last Name|Email']);
    expect(one.ok).toBe(false);
    if (!one.ok) {
      expect(one.reason).toMatch(/^missing required columns: e-mail \(Email \/ E-mail address/);
      expect(one.reason).toContain('The header is a single column: separate columns with commas, semicolons or tabs.');
    }
  });
});
