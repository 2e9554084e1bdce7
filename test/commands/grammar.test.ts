import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { splitWords, tokenise } from '../../src/commands/tokenise.ts';

describe('tokenise', () => {
  it('reads the same command from Slack, Teams and the playground', () => {
    const forms = [
      'notify pending',
      '/migrate notify pending',
      '<at>numbot</at> notify pending',
      '@numbot  notify   pending',
      '<at>Num Bot</at>\u00a0notify pending',
    ];
    for (const text of forms) expect(tokenise(text).words).toEqual(['notify', 'pending']);
  });

  it('keeps quoted words whole, with straight or curly quotes', () => {
    expect(splitWords('assign "AutoCAD LT" pending')).toEqual(['assign', 'AutoCAD LT', 'pending']);
    expect(splitWords('assign “Revit LT” a@x.org')).toEqual(['assign', 'Revit LT', 'a@x.org']);
  });

  it('keeps lines after the first as the body (a pasted CSV)', () => {
    const t = tokenise('import --dry-run\r\nemail,first name,last name\r\na@x.org,A,B\r\n');
    expect(t.words).toEqual(['import', '--dry-run']);
    expect(t.body).toBe('email,first name,last name\na@x.org,A,B\n');
  });
});

describe('parseCommand', () => {
  it('types the arguments once', () => {
    const r = parseCommand('WHO Step4 NEEDS_HELP 2', COMMANDS);
    expect(r.ok && r.command.name).toBe('who');
    expect(r.ok && r.args).toEqual({ step: 'step4', status: 'needs_help', page: 2 });
    const n = parseCommand('notify Jane.Doe@Example.org jane.doe@example.org b@x.org', COMMANDS);
    expect(n.ok && n.args).toEqual({ kind: 'people', ids: ['jane.doe@example.org', 'b@x.org'] });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['frobnicate now', 'unknown'],
    ['who step4', 'malformed'],
    ['who step9 done', 'malformed'],
    ['who step4 switched', 'malformed'],
    ['who step4 informed 0', 'malformed'],
    ['notify', 'malformed'],
    ['notify not-an-email', 'malformed'],
    ['lang klingon', 'malformed'],
    ['status everything', 'malformed'],
    ['schedule reminders every day', 'malformed'],
    ['schedule summary 25:00', 'malformed'],
    ['admins add', 'malformed'],
    ['stop now', 'malformed'],
  ])('%j is %s', (text, problem) => {
    const r = parseCommand(text, COMMANDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toBe(problem);
  });

  it('accepts a five-field cron expression written as words', () => {
    const r = parseCommand('schedule reminders */10 8-17 * * 1-5', COMMANDS);
    expect(r.ok && r.args).toEqual({ op: 'reminders', cron: '*/10 8-17 * * 1-5' });
  });
});
