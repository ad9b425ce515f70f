/**
 * The org tree of a fictional coal group, sized to a member count: group committee → mines
 * (primary committees) → general branches → branches of at most 50 members → party groups.
 * Pure: ids come from the caller (reserved from the orgs sequence), so paths are known before insert.
 */

export interface OrgRow {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  kind: 'committee' | 'general_branch' | 'branch' | 'group';
  category: string;
  sort: number;
}

/** A branch and the slice of the member series `[first, first + n)` that belongs to it. */
export interface BranchSlot {
  orgId: number;
  orgPath: string;
  first: number;
  n: number;
}

export interface OrgPlan {
  orgs: OrgRow[];
  branches: BranchSlot[];
}

export const MAX_BRANCH_SIZE = 50;
const MIN_BRANCH_SIZE = 26;
const BRANCHES_PER_GENERAL_BRANCH = 15;

const PLACE_A = ['东', '西', '南', '北', '大', '小', '新', '古', '青', '红', '金', '石', '黑', '白', '长', '平'];
const PLACE_B = ['山', '河', '岭', '峪', '沟', '泉', '庄', '坪', '湾', '峰', '梁', '塔'];
/** General branches of a mine, in order; past the list they are numbered production ones. */
const GENERAL_BRANCHES: [string, string][] = [
  ['综采', 'production'],
  ['掘进', 'production'],
  ['机电运输', 'production'],
  ['通风', 'production'],
  ['安全监察', 'safety'],
  ['技术', 'tech'],
  ['机关', 'office'],
  ['后勤服务', 'logistics'],
];
const GROUPS = ['早班党小组', '中班党小组', '夜班党小组'];

/** Knuth's multiplicative hash: neighbouring indexes get unrelated values. */
export const mix = (i: number): number => Number((BigInt(i) * 2654435761n) % 4294967296n);

/** Branch sizes between 26 and 50 (mean 38) that add up to exactly `members`. */
export function branchSizes(members: number): number[] {
  const sizes: number[] = [];
  for (let left = members, b = 0; left > 0; b++) {
    const n = Math.min(left, MIN_BRANCH_SIZE + (mix(b) % (MAX_BRANCH_SIZE - MIN_BRANCH_SIZE + 1)));
    sizes.push(n);
    left -= n;
  }
  return sizes;
}

const mineName = (i: number) => {
  const base = PLACE_A[i % PLACE_A.length] + PLACE_B[Math.floor(i / PLACE_A.length) % PLACE_B.length];
  const round = Math.floor(i / (PLACE_A.length * PLACE_B.length));
  return round ? `${base}${round + 1}` : base;
};

/** Splits `n` items into `parts` contiguous runs of near-equal length. */
const split = (n: number, parts: number) =>
  Array.from({ length: parts }, (_, j) => [Math.floor((j * n) / parts), Math.floor(((j + 1) * n) / parts)] as const);

/** How many org ids `planTree` will need for this many members (a dry run with stand-in ids). */
export function orgCount(members: number): number {
  return planTree(members, (k) => k + 1, 0, '').orgs.length;
}

/**
 * Builds the tree. `idAt(k)` gives the k-th reserved id; the tree's members are numbered
 * `memberOffset + 1` onward in the series (non-zero when appending); `suffix` tells appended groups apart.
 */
export function planTree(members: number, idAt: (k: number) => number, memberOffset: number, suffix: string): OrgPlan {
  const orgs: OrgRow[] = [];
  const branches: BranchSlot[] = [];
  const add = (parent: OrgRow | null, name: string, kind: OrgRow['kind'], category: string, sort: number): OrgRow => {
    const id = idAt(orgs.length);
    const row = { id, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, name, kind, category, sort };
    orgs.push(row);
    return row;
  };

  const sizes = branchSizes(members);
  const mines = Math.max(1, Math.round(Math.sqrt(sizes.length / 6)));
  const root = add(null, `岭东煤业集团${suffix}党委`, 'committee', 'leading', 0);
  let first = memberOffset + 1;
  for (const [m, [mFrom, mTo]] of split(sizes.length, mines).entries()) {
    const mine = add(root, `${mineName(m)}矿党委`, 'committee', 'leading', m);
    const generals = Math.ceil((mTo - mFrom) / BRANCHES_PER_GENERAL_BRANCH);
    for (const [g, [gFrom, gTo]] of split(mTo - mFrom, generals).entries()) {
      const [label, category] = GENERAL_BRANCHES[g] ?? [`生产${g + 1}区`, 'production'];
      const general = add(mine, `${mineName(m)}矿${label}党总支`, 'general_branch', category, g);
      for (let b = 0; b < gTo - gFrom; b++) {
        const n = sizes[mFrom + gFrom + b];
        const branch = add(general, `${mineName(m)}矿${label}第${b + 1}党支部`, 'branch', category, b);
        branches.push({ orgId: branch.id, orgPath: branch.path, first, n });
        first += n;
        const groups = n >= 36 ? 3 : 2;
        for (let k = 0; k < groups; k++) add(branch, `${branch.name.replace('党支部', '')}${GROUPS[k]}`, 'group', category, k);
      }
    }
  }
  return { orgs, branches };
}
