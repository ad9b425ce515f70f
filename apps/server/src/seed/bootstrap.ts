import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orgs, roleGrants, users } from '../db/schema/index.js';
import { hashPassword, oneTimePassword } from '../platform/auth/password.js';

export interface BootstrapAccount {
  username: string;
  role: string;
  password: string;
}

/**
 * First start outside demo mode: creates the root org and the three separated admin accounts
 * (系统/安全/审计管理员), each with a one-time password that is returned once (to be printed) and
 * must be changed at first login. No default password exists anywhere.
 */
export async function bootstrap(db: Db, rootName = '集团党委'): Promise<BootstrapAccount[] | null> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return null;
  return db.transaction(async (tx) => {
    const [root] = await tx.insert(orgs).values({ name: rootName, kind: 'committee', category: 'leading', path: '/' }).returning();
    await tx
      .update(orgs)
      .set({ path: `/${root.id}/` })
      .where(eq(orgs.id, root.id));
    const accounts: BootstrapAccount[] = [];
    for (const [username, displayName, role] of [
      ['sysadmin', '系统管理员', 'sys_admin'],
      ['secadmin', '安全管理员', 'security_admin'],
      ['auditor', '审计管理员', 'auditor'],
    ] as const) {
      const password = oneTimePassword();
      const [user] = await tx
        .insert(users)
        .values({ username, displayName, orgId: root.id, passwordHash: await hashPassword(password), mustChangePassword: true })
        .returning({ id: users.id });
      await tx.insert(roleGrants).values({ userId: user.id, role, orgId: root.id });
      accounts.push({ username, role: displayName, password });
    }
    return accounts;
  });
}
