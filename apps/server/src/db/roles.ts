import pg from 'pg';

/**
 * The application role (issue 15 item 1). Migrations run as the owner role (DATABASE_URL, or the
 * embedded cluster's `vanguard`); the app connects as a second role that owns nothing, is not a
 * superuser and has, on the audit tables, INSERT and SELECT on `audit_log` and SELECT on
 * `audit_head` only: it cannot UPDATE, DELETE or TRUNCATE them, nor (not being the owner) disable
 * their triggers, nor (not a superuser) set `session_replication_role`.
 */
export interface AppRole {
  name: string;
  password: string;
}

/** Thrown when the role cannot be made or is unfit; the message says what the operator must do. */
export class AppRoleError extends Error {}

const ident = (s: string) => pg.Client.prototype.escapeIdentifier(s);
const literal = (s: string) => pg.Client.prototype.escapeLiteral(s);

/** The role's name for a database when none is given: `<database>_app`. */
export function defaultAppRoleName(database: string): string {
  return `${database}_app`.slice(0, 63);
}

/**
 * Creates the role from the owner connection when it is missing (the owner needs CREATEROLE) and
 * sets its password; when it exists and the owner may not alter it, the password given must already
 * be its password (the operator made it, DATABASE_APP_URL).
 */
export async function ensureAppRole(owner: pg.ClientBase, role: AppRole, opts: { create: boolean }): Promise<void> {
  if (opts.create) {
    try {
      const { rowCount } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      if (!rowCount) {
        await owner.query(
          `CREATE ROLE ${ident(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(role.password)}`,
        );
      } else {
        await owner.query(`ALTER ROLE ${ident(role.name)} LOGIN PASSWORD ${literal(role.password)}`);
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      // Two starts at once (test files on one server) both saw it missing.
      if (code === '23505' || code === '42710') return ensureAppRole(owner, role, opts);
      if (code === '42501') {
        throw new AppRoleError(
          `数据库账号无权创建应用角色 / the owner role may not create roles (${(e as Error).message}). ` +
            `请由数据库管理员执行 / ask the DBA to run:\n  CREATE ROLE ${ident(role.name)} LOGIN PASSWORD '…';\n` +
            'and set DATABASE_APP_URL=postgres://<that role>:<password>@<host>/<database>. Vanguard grants it its privileges at every start.',
        );
      }
      throw e;
    }
  }
  const { rows } = await owner.query<{ super: boolean; bypass: boolean; member: boolean; owner: boolean; me: string }>(
    `SELECT r.rolsuper AS super, r.rolbypassrls AS bypass, pg_has_role($1, current_user, 'USAGE') AS member,
            $1 = current_user AS owner, current_user AS me
       FROM pg_roles r WHERE r.rolname = $1`,
    [role.name],
  );
  if (!rows[0]) throw new AppRoleError(`应用角色 ${role.name} 不存在 / the application role does not exist`);
  const r = rows[0];
  if (r.super || r.bypass || r.member || r.owner) {
    throw new AppRoleError(
      `应用角色 ${role.name} 权限过大 / the application role must not be a superuser, bypass RLS, be the owner (${r.me}) or a member of it`,
    );
  }
}

/**
 * The app role's privileges, granted by the owner at every start (so a table a migration added is
 * covered) and for tables the owner makes later (ALTER DEFAULT PRIVILEGES). One transaction, under
 * an advisory lock: two nodes starting at once do not collide on the catalog rows.
 */
export async function grantAppPrivileges(owner: pg.ClientBase, roleName: string): Promise<void> {
  const app = ident(roleName);
  await owner.query('BEGIN');
  try {
    await owner.query("SELECT pg_advisory_xact_lock(hashtext('vanguard.grants'))");
    const { rows } = await owner.query<{ me: string; usage: boolean }>(
      "SELECT current_user AS me, has_schema_privilege($1, 'public', 'USAGE') AS usage",
      [roleName],
    );
    const me = ident(rows[0].me);
    // CONNECT on the database and USAGE on `public` are PUBLIC's by default; granted only when
    // missing (only the database's owner may grant them, and the owner role need not be it).
    for (const statement of [
      ...(rows[0].usage ? [] : [`GRANT USAGE ON SCHEMA public TO ${app}`]),
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${me} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${me} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`,
      // The audit tables: append and read only; the chain head is moved by the seal (SECURITY DEFINER).
      `REVOKE ALL ON audit_log, audit_head FROM ${app}, PUBLIC`,
      `GRANT SELECT, INSERT ON audit_log TO ${app}`,
      `GRANT SELECT ON audit_head TO ${app}`,
      // The migrations' journal is the owner's.
      `REVOKE ALL ON SCHEMA drizzle FROM ${app}`,
      // …which the app may read, to say whether its migrations are the database's (/api/ready, issue 17 item 7).
      `GRANT USAGE ON SCHEMA drizzle TO ${app}`,
      `GRANT SELECT ON drizzle.__drizzle_migrations TO ${app}`,
      // The queue's schema (platform/queue): pg-boss installs and upgrades its own tables there, so the
      // app role owns that schema and nothing else; it cannot create schemas itself.
      `CREATE SCHEMA IF NOT EXISTS ${QUEUE_SCHEMA} AUTHORIZATION ${app}`,
      `ALTER SCHEMA ${QUEUE_SCHEMA} OWNER TO ${app}`,
    ]) {
      await owner.query(statement);
    }
    await owner.query('COMMIT');
  } catch (e) {
    await owner.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** The schema pg-boss keeps its tables in (owned by the app role). */
export const QUEUE_SCHEMA = 'pgboss';

/** `url` with the user and password replaced. */
export function urlAs(url: string, role: AppRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = encodeURIComponent(role.password);
  return u.toString();
}
