import { writeFileSync } from 'node:fs';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { type BreakGlassAction, breakGlass } from './modules/users/break-glass.js';
import { anchorFile } from './platform/audit/anchor.js';
import { inspectAuditChain } from './platform/audit/verify.js';
import { auditKeys, loadCiphers } from './platform/crypto/keys.js';
import { describeError, openDatabase } from './runtime.js';
import { seedDemo } from './seed/demo.js';
import { securitySelfcheck } from './selfcheck.js';

/**
 * Maintenance commands: migrate, seed --yes, audit-verify, security-selfcheck, openapi <file>. With
 * the embedded database, a cluster the app is running is used as it is (attached), not started twice.
 */
async function main() {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const runtime = await openDatabase(config, log, { attach: true });
  try {
    switch (command) {
      case 'migrate':
        log('迁移完成 / migrations applied');
        return 0;
      case 'seed': {
        if (!args.includes('--yes')) {
          log('写入演示数据须加 --yes（只在空数据库上执行）/ pass --yes to seed demo data into an empty database');
          return 2;
        }
        const ciphers = await loadCiphers(runtime.db, config.masterKey, config.fieldCipher);
        const logins = await seedDemo(runtime.db, ciphers, new Date());
        log(logins ? `已写入演示数据，${logins.length} 个演示账号` : '数据库非空，未写入 / database not empty, nothing seeded');
        return 0;
      }
      case 'audit-verify': {
        const report = await inspectAuditChain(runtime.db, { keys: auditKeys(config.masterKey), anchorFile: anchorFile(config.dataDir) });
        log(
          `审计日志校验 / audit chain: ${report.checked} 行 rows, ${report.ok ? '完整 OK' : `发现 ${report.breaks.length} 处断裂 BROKEN`}`,
        );
        const last = report.anchors.at(-1);
        log(
          last
            ? `  锚点 / anchors: ${report.anchors.length}，最近 / last: seq ${last.seq} at ${last.at}${report.legacyUpTo ? `；seq ≤ ${report.legacyUpTo} 为启用密钥前的记录 / written before keying` : ''}`
            : `  未找到锚点文件 / no anchor log in ${config.dataDir} (the app writes it; rows are checked by their MACs only)`,
        );
        for (const b of report.breaks) log(`  seq ${b.seq ?? '-'} id ${b.id ?? '-'}: ${b.reason}`);
        return report.ok ? 0 : 1;
      }
      case 'security-selfcheck':
        return (await securitySelfcheck({ config, runtime, log })) ? 0 : 1;
      case 'openapi': {
        // The OpenAPI document as /api/docs/json serves it, built in-process (no port is opened).
        if (!args[0]) {
          log('用法 / usage: cli.ts openapi <file.json>');
          return 2;
        }
        const app = await buildApp({ config, db: runtime.db, serveWeb: false });
        try {
          await app.ready();
          writeFileSync(args[0], `${JSON.stringify(app.swagger(), null, 2)}\n`);
        } finally {
          await app.close();
        }
        log(`OpenAPI 文档已写入 / written: ${args[0]}`);
        return 0;
      }
      case 'break-glass': {
        // 三员分立 break-glass (modules/users/break-glass.ts): two people, a reason, audited.
        const [action, username] = args;
        const many = (flag: string) => args.flatMap((a, i) => (a === flag && args[i + 1] ? [args[i + 1]] : []));
        if (!['disable', 'enable', 'unlock', 'revoke'].includes(action) || !username) {
          log(
            '用法 / usage: cli.ts break-glass <disable|enable|unlock|revoke> <username> --by <姓名> --by <姓名> --reason <原因> [--grant <授权编号>]',
          );
          return 2;
        }
        const done = await breakGlass(
          runtime.db,
          {
            action: action as BreakGlassAction,
            username,
            operators: many('--by'),
            reason: many('--reason')[0] ?? '',
            grantId: many('--grant')[0] ? Number(many('--grant')[0]) : undefined,
          },
          new Date(),
        );
        log(`${done}（已记入审计日志 / audited）`);
        return 0;
      }
      default:
        log('用法 / usage: cli.ts migrate | seed --yes | audit-verify | security-selfcheck | openapi <file.json> | break-glass …');
        return 2;
    }
  } finally {
    await runtime.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${describeError(e)}\n`);
    process.exit(1);
  },
);
