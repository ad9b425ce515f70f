import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Keeps modules from growing their own access loaders again (ARCHITECTURE.md §One access gate):
// a record is loaded through platform/access (`loadFor`, `orgFor`, `loadOwn`, `myMember`);
// scope arithmetic (`covers`, `visibleScope`) lives in platform/access and `<m>.policy.ts` only.

const MODULES = join(import.meta.dirname, '../../modules');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.policy.ts') ? [p] : [];
  });
}

/** What a module file may not do, with the reason shown when it does. */
const RULES: [RegExp, string][] = [
  [/\bcovers\(/, 'scope arithmetic: use can(actor, permission, path) for a flag, or a <m>.policy.ts function'],
  [/\bvisibleScope\(/, 'scope arithmetic: use loadFor/orgFor (visibility is in their query), or a <m>.policy.ts function'],
  [
    /throw notFound\([^)]*\);\s*\n\s*assertCan\(/,
    'a load-then-check loader: use loadFor(ctx, GATE, id, permission) or orgFor(ctx, orgId, permission)',
  ],
  [
    /\.from\(members\)\s*\.where\((and\()?eq\(members\.userId, ctx\.actor\.userId\)/,
    'a member-record lookup of its own: use myMember(ctx) / findMyMember(ctx)',
  ],
];

describe('the one access gate', () => {
  it('no module file has a loader or scope arithmetic of its own', () => {
    const found: string[] = [];
    for (const file of sources(MODULES)) {
      const text = readFileSync(file, 'utf8');
      for (const [re, why] of RULES) if (re.test(text)) found.push(`${relative(MODULES, file)}: ${why}`);
    }
    expect(found).toEqual([]);
  });

  it('the rule sees a loader (a check that cannot fail is no check)', () => {
    const loader = "  if (!row) throw notFound('该党员');\n  assertCan(ctx.actor, 'members:read', row.orgPath, '该党员');";
    expect(RULES.some(([re]) => re.test(loader))).toBe(true);
    const mine = '  const [m] = await ctx.db.select().from(members).where(eq(members.userId, ctx.actor.userId));';
    expect(RULES.some(([re]) => re.test(mine))).toBe(true);
  });
});
