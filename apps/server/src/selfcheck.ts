import { MASKING_POLICY, SECURITY_RULESET } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { Config } from './config.js';
import { anchorFile } from './platform/audit/anchor.js';
import { SENSITIVE_KEYS } from './platform/audit/audit.js';
import { inspectAuditChain } from './platform/audit/verify.js';
import { auditKeys } from './platform/crypto/keys.js';
import { getSetting } from './platform/settings.js';
import type { Runtime } from './runtime.js';

/**
 * `npm run security:selfcheck` (issue 15): what an 等保 assessor asks first, read from the running
 * instance's database (the CLI attaches to the embedded cluster the app runs) and from the code's
 * own settings. One section per concern; a helper that adds or changes a policy adds or edits its
 * section here (each returns its lines, and `false` in `ok` for a failed check).
 */
export interface SelfcheckDeps {
  config: Config;
  runtime: Runtime;
  log: (m: string) => void;
}

interface Line {
  label: string;
  value: string;
  /** Omitted: information only. */
  ok?: boolean;
}

interface Section {
  title: string;
  run(deps: SelfcheckDeps): Promise<Line[]>;
}

const yes = (b: boolean) => (b ? '是 yes' : '否 no');

const SECTIONS: Section[] = [
  {
    title: '实例 / instance',
    async run({ config, runtime }) {
      const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/api/health`;
      const health = await fetch(url, { signal: AbortSignal.timeout(2000) })
        .then(async (r) => `${r.status} ${JSON.stringify(await r.json())}`)
        .catch(() => '未响应 / not answering');
      const { rows } = await runtime.db.execute<{ v: string }>(sql`SELECT current_setting('server_version') AS v`);
      return [
        { label: '健康检查 / health', value: `${url} → ${health}` },
        {
          label: '数据库 / database',
          value: `${config.databaseUrl ? 'DATABASE_URL' : `嵌入式 embedded (${config.dataDir}/pg)`}, PostgreSQL ${rows[0].v}`,
        },
        { label: '数据目录 / DATA_DIR', value: config.dataDir },
      ];
    },
  },
  {
    title: '数据库角色 / database roles',
    async run({ runtime }) {
      const { rows } = await runtime.db.execute<{
        me: string;
        su: boolean;
        owner: string;
        ownerSu: boolean;
        ins: boolean;
        sel: boolean;
        upd: boolean;
        del: boolean;
        trunc: boolean;
        member: boolean;
        repl: boolean;
      }>(sql`
        SELECT current_user AS me, r.rolsuper AS su, o.rolname AS owner, o.rolsuper AS "ownerSu",
               has_table_privilege('audit_log', 'INSERT') AS ins, has_table_privilege('audit_log', 'SELECT') AS sel,
               has_table_privilege('audit_log', 'UPDATE') AS upd, has_table_privilege('audit_log', 'DELETE') AS del,
               has_table_privilege('audit_log', 'TRUNCATE') AS trunc,
               pg_has_role(current_user, o.oid, 'USAGE') AS member,
               r.rolsuper OR has_parameter_privilege('session_replication_role', 'SET') AS repl
        FROM pg_roles r, pg_class c JOIN pg_roles o ON o.oid = c.relowner
        WHERE r.rolname = current_user AND c.relname = 'audit_log' AND c.relnamespace = 'public'::regnamespace`);
      const r = rows[0];
      const writes = [r.upd && 'UPDATE', r.del && 'DELETE', r.trunc && 'TRUNCATE'].filter(Boolean);
      return [
        { label: '应用连接角色 / app connects as', value: r.me },
        { label: '应用角色是超级用户 / app role is superuser', value: yes(r.su), ok: !r.su },
        {
          label: '应用角色是 audit_log 属主 / app role owns audit_log',
          value: `${yes(r.member)}（属主 owner: ${r.owner}）`,
          ok: !r.member,
        },
        { label: '属主（迁移）角色 / owner (migration) role', value: `${r.owner}${r.ownerSu ? '（超级用户 superuser）' : ''}` },
        {
          label: 'audit_log 权限 / privileges on audit_log',
          value: `${[r.ins && 'INSERT', r.sel && 'SELECT', ...writes].filter(Boolean).join(', ')}`,
          ok: r.ins && writes.length === 0,
        },
        { label: '可设置 session_replication_role / can SET session_replication_role', value: yes(r.repl), ok: !r.repl },
      ];
    },
  },
  {
    title: '审计日志 / audit chain',
    async run({ config, runtime }) {
      const report = await inspectAuditChain(runtime.db, { keys: auditKeys(config.masterKey), anchorFile: anchorFile(config.dataDir) });
      const { rows } = await runtime.db.execute<{ keyed: number; total: number; head: number }>(
        sql`SELECT count(mac)::int AS keyed, count(*)::int AS total, (SELECT seq FROM audit_head WHERE id = 1) AS head FROM audit_log`,
      );
      const last = report.anchors.at(-1);
      return [
        {
          label: '带密钥（HMAC）/ keyed',
          value: `${rows[0].keyed}/${rows[0].total} 行 rows${report.legacyUpTo ? `（seq ≤ ${report.legacyUpTo} 为启用密钥前 / before keying）` : ''}；密钥由主密钥派生，不在数据库中 / key derived from the master key, not in the database`,
          ok: rows[0].keyed + report.legacyUpTo >= rows[0].total,
        },
        {
          label: '库外锚定 / anchored outside the database',
          value: last
            ? `${report.anchors.length} 个锚点 anchors in ${anchorFile(config.dataDir)}; 最近 last: seq ${last.seq} / head ${rows[0].head}, ${last.at}`
            : `无 none (${anchorFile(config.dataDir)})`,
          ok: Boolean(last),
        },
        {
          label: '校验 / verification',
          value: report.ok
            ? `完整 OK（${report.checked} 行 rows）`
            : `断裂 BROKEN: ${report.breaks.map((b) => `${b.reason}@${b.seq}`).join(', ')}`,
          ok: report.ok,
        },
        { label: '保留期 / retention', value: `${SECURITY_RULESET.auditRetentionDays} 天 days` },
      ];
    },
  },
  {
    title: '脱敏策略 / masking policy',
    async run() {
      // The one policy (packages/shared/src/masking.ts, applied by maskAs everywhere a value is shown masked).
      return [
        ...Object.entries(MASKING_POLICY).map(([kind, p]) => ({
          label: kind,
          value: `${p.zh}（保留 keep ${p.keepStart}+${p.keepEnd}）`,
        })),
        { label: '审计行中以 *** 代替的字段 / audit row keys masked', value: String(SENSITIVE_KEYS) },
      ];
    },
  },
  {
    title: '登录锁定与限流 / lockout and throttle',
    async run({ runtime }) {
      const { lockout, loginThrottle, session, password } = SECURITY_RULESET;
      return [
        { label: '规则集 / ruleset', value: `${SECURITY_RULESET.version} — ${SECURITY_RULESET.source}` },
        {
          label: '账号锁定 / account lockout',
          value: `${lockout.maxFailures} 次失败锁定 ${lockout.minutes} 分钟 / failures → minutes locked`,
        },
        {
          label: '来源地址限流 / per-address throttle',
          value: `${loginThrottle.windowSeconds} 秒内超过 ${loginThrottle.maxAttempts} 次 → 429 / attempts per window`,
        },
        { label: '会话 / sessions', value: `空闲 idle ${session.idleMinutes} min, 绝对 absolute ${session.absoluteHours} h` },
        { label: '口令 / passwords', value: `≥ ${password.minLength} 字符 chars, ≥ ${password.minClasses} 类 classes` },
        { label: '三员双因素 / admin second factor', value: yes(await getSetting(runtime.db, 'adminMfaRequired')) },
      ];
    },
  },
];

/** Prints every section; true when no check failed. */
export async function securitySelfcheck(deps: SelfcheckDeps): Promise<boolean> {
  let allOk = true;
  deps.log('先锋 Vanguard 安全自检 / security self-check');
  for (const section of SECTIONS) {
    deps.log(`\n[${section.title}]`);
    const lines = await section.run(deps).catch((e: unknown) => [{ label: '错误 / error', value: (e as Error).message, ok: false }]);
    for (const l of lines) {
      if (l.ok === false) allOk = false;
      deps.log(`  ${l.ok === undefined ? '·' : l.ok ? '✓' : '✗'} ${l.label}: ${l.value}`);
    }
  }
  deps.log(`\n${allOk ? '自检通过 / all checks passed' : '自检未通过 / some checks failed (✗)'}`);
  return allOk;
}
