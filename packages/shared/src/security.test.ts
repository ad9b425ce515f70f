import { describe, expect, it } from 'vitest';
import { checkPassword } from './security.js';

describe('password policy (≥ 12 characters, 3 of 4 classes)', () => {
  it.each([
    ['Abcdefgh123!', []],
    ['abcdefgh123!', []],
    ['Abcdefgh1234', []],
    ['Abcdefg123!', ['length']],
    ['abcdefghijkl', ['classes']],
    ['ABCDEFGH1234', ['classes']],
    ['短密码1!', ['length', 'classes']],
    ['张三李四王五赵六Ab12', []],
    ['张三李四王五赵六Ab1', ['length']],
  ])('%s → %j', (pw, problems) => {
    expect(checkPassword(pw)).toEqual(problems);
  });

  it('refuses a password containing the username', () => {
    expect(checkPassword('Secretary-2026!', 'secretary')).toEqual(['username']);
  });
});
