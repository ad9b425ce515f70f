/** A member logs contacts with workers of their own branch (its subtree: the branch's groups and teams). */
export const mayContact = (memberOrgPath: string, workerOrgPath: string): boolean => workerOrgPath.startsWith(memberOrgPath);

/** The quarter of a China day: `2026-Q2`, its first day. */
export function quarterOf(day: string): { label: string; from: string } {
  const y = day.slice(0, 4);
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return { label: `${y}-Q${q + 1}`, from: `${y}-${String(q * 3 + 1).padStart(2, '0')}-01` };
}
