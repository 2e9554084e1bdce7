// Autodesk Account's name rule: whole words and a few characters refused, words inside longer words only warned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autodeskNameProblem, autodeskNameWarning } from '../../src/domain/autodesk-names.ts';

describe('autodeskNameProblem / autodeskNameWarning', () => {
  it('refuses the words on their own, in any case and next to punctuation or other scripts', () => {
    for (const name of [
      'Admin',
      'ADMIN',
      'IT admin',
      'Support-Team',
      '(Moderator)',
      'Employee 7',
      'Autodesk',
      'admin_x',
    ])
      expect(autodeskNameProblem(name), name).toMatch(/which Autodesk Account rejects/);
  });

  it('accepts words that only contain them, with a warning', () => {
    for (const name of ['Administrator', 'Badminton', 'Kadmina', 'Supporter', 'Autodesker']) {
      expect(autodeskNameProblem(name), name).toBeUndefined();
      expect(autodeskNameWarning(name), name).toMatch(/inside a word/);
    }
    expect(autodeskNameWarning('Ann')).toBeUndefined();
    expect(autodeskNameWarning('Admin')).toBeUndefined(); // refused, not warned
  });

  it('refuses "www.", ":", "/", "%" and full-width digits anywhere', () => {
    for (const name of ['www.x', 'a:b', 'a/b', '100%', 'Lee３']) expect(autodeskNameProblem(name), name).toBeDefined();
  });

  it('never refuses a name made of other letters, spaces, hyphens and apostrophes (property)', () => {
    const letters = fc.constantFrom(..."bcfghjlnqvxyzBCFGHJLNQVXYZéøßçñ -'".split(''));
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 60 }), (chars) => {
        const name = chars.join('');
        expect(autodeskNameProblem(name)).toBeUndefined();
        expect(autodeskNameWarning(name)).toBeUndefined();
      }),
    );
  });

  it('finds a refused word wherever it stands between separators (property)', () => {
    const word = fc.constantFrom('admin', 'Autodesk', 'EMPLOYEE', 'moderator', 'Support');
    const side = fc.constantFrom('', 'Ann ', 'x-', '(', 'Lee, ');
    fc.assert(
      fc.property(side, word, side, (a, w, b) => {
        expect(autodeskNameProblem(`${a}${w}${[...b].reverse().join('')}`)).toBeDefined();
      }),
    );
  });
});
