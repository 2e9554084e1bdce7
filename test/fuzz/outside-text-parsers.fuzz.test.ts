// Property: each parser of outside text (lmstat output, FlexLM debug logs, roster CSVs, Slack payloads, device
// reports) returns a value or throws a typed error (NumbotError, InvalidInputError) — never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/channels/slack/router-receiver.ts';
import { NumbotError } from '../../src/errors.ts';
import { validateDeviceReport } from '../../src/licensing/device-report.ts';
import { parseDebugLog } from '../../src/licensing/parse-debug-log.ts';
import { parseLmstat } from '../../src/licensing/parse-lmstat.ts';
import { parseRoster } from '../../src/roster/parse-roster.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-runs.ts';

/** Calls `f`; a typed error counts as an answer, anything else thrown fails the property. */
function valueOrTypedError(f: () => unknown): void {
  try {
    expect(f()).toBeDefined();
  } catch (err) {
    if (err instanceof NumbotError) return;
    throw err;
  }
}

const opts = () => ({ seed: fuzzSeed(), numRuns: fuzzRuns(300) });

/** Lines that look like the real thing, mutated: the interesting inputs are near-misses, not noise. */
const lmstatLines = fc.constantFrom(
  'lmutil - Copyright (c) 1989-2019 Flexera. All Rights Reserved.',
  'License server status: 27000@lic1',
  'lic1: license server UP (MASTER) v11.16.2',
  'Vendor daemon status (on lic1):',
  '  adskflex: UP v11.16.2',
  'Users of 87048ACD_2024_0F:  (Total of 10 licenses issued;  Total of 2 licenses in use)',
  '    jdoe WS-0012 WS-0012 (v1.000) (lic1/27000 1234), start Mon 12/1 9:05',
  '    jane pc1 pc1 (v1.000) (lic1/27000 201), start Tue 1/7 14:00, 2 licenses',
  '  "87048ACD_2024_0F" v1.000, vendor: adskflex, expiry: permanent(no expiration date)',
  '    RESERVATION for USER jdoe (lic1/27000)',
  '    jdoe pc (v1.000) (lic1/27000 1) queued for 1 license',
  'Users of :  (Error: 1 licenses, unsupported by licensed server)',
);
const mutatedLines = (lines: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.oneof(
        lines,
        fc.string({ maxLength: 80 }),
        fc.tuple(lines, fc.nat(80), fc.string({ maxLength: 8 })).map(([l, at, s]) => l.slice(0, at) + s + l.slice(at)),
      ),
      { maxLength: 40 },
    )
    .map((ls) => ls.join('\n'));

const debugLogLines = fc.constantFrom(
  '9:05:12 (adskflex) OUT: "87048ACD_2024_0F" jdoe@WS-0012',
  '9:05:12 (adskflex) IN: "87048ACD_2024_0F" jdoe@WS-0012',
  '9:05:12 (adskflex) DENIED: "87048ACD_2024_0F" jdoe@WS-0012  (Licensed number of users already reached. (-4,342))',
  '9:05:12 (lmgrd) TIMESTAMP 12/1/2026',
  '9:05:12 (adskflex) UNSUPPORTED: "X" (PORT_AT_HOST_PLUS   ) jdoe@WS-0012',
  '25:99:99 (adskflex) OUT: "" @',
);

const csvRows = fc.constantFrom(
  'email,first name,last name,manager,products,locale',
  'Email;Prénom;Nom;Manager;Produits',
  'jane@example.org,Jane,Doe,boss@example.org,AutoCAD,fr',
  '"a, b@x.org",Ann,"O""Neil",,Revit;Civil 3D,',
  '=HYPERLINK("http://x"),+cmd|x,@SUM(1),-1,\t,\r',
  '\uFEFFemail,name',
  ',,,,,,,,,,,,',
);

describe('parsers of outside text: a value or a typed error, never anything else', () => {
  it('lmstat output', () => {
    fc.assert(
      fc.property(mutatedLines(lmstatLines), (text) => valueOrTypedError(() => parseLmstat(text))),
      opts(),
    );
  });
  it('FlexLM debug logs', () => {
    fc.assert(
      fc.property(mutatedLines(debugLogLines), (text) => valueOrTypedError(() => parseDebugLog(text))),
      opts(),
    );
  });
  it('roster CSVs, as text and as raw bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedLines(csvRows),
          fc.uint8Array({ maxLength: 400 }),
          mutatedLines(csvRows).map((t) => new TextEncoder().encode(t)),
        ),
        (input) => valueOrTypedError(() => parseRoster(input)),
      ),
      opts(),
    );
  });
  it('Slack payloads (form fields, interactivity JSON in `payload`, event JSON)', () => {
    const payloadJson = fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', undefined),
        fc.oneof(
          payloadJson.map((p) => `payload=${encodeURIComponent(p)}`),
          fc.json({ maxDepth: 4 }),
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (type, text) => {
          try {
            parseBody(type, Buffer.from(text, 'latin1'));
          } catch (err) {
            if (!(err instanceof NumbotError)) throw err;
          }
        },
      ),
      opts(),
    );
  });
  it('device reports (any JSON value)', () => {
    const nearReport = fc.record(
      {
        schema: fc.oneof(fc.constant(1), fc.anything()),
        device: fc.oneof(
          fc.record({ hostname: fc.string(), os: fc.constantFrom('windows', 'macos', 'linux', 'x') }),
          fc.anything(),
        ),
        products: fc.oneof(
          fc.array(
            fc.record(
              {
                product: fc.string(),
                licenseMode: fc.constantFrom('network', 'named', 'user', ''),
                version: fc.anything(),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 5 },
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          nearReport,
          fc.json().map((j) => JSON.parse(j) as unknown),
        ),
        (body) => valueOrTypedError(() => validateDeviceReport(body)),
      ),
      opts(),
    );
  });
});
