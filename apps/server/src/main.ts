import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { refreshRollups } from './modules/analytics/analytics.jobs.js';
import { refreshCompetitionsReminders } from './modules/competitions/competitions.jobs.js';
import { refreshDuesArrears } from './modules/dues/dues-arrears.js';
import { generateMonthBills } from './modules/dues/dues-billing.jobs.js';
import { refreshLifeReminders } from './modules/life/life.jobs.js';
import { mobilesOfUsers } from './modules/members/index.js';
import { refreshMentorsReminders } from './modules/mentors/mentors.jobs.js';
import { refreshTermReminders } from './modules/orgs/terms.jobs.js';
import { refreshPetitionClocks } from './modules/petitions/index.js';
import { refreshRecruitmentReminders } from './modules/recruitment/recruitment.jobs.js';
import { refreshRelationReminders } from './modules/relations/relations.jobs.js';
import { purgeExpiredReports, refreshReportReminders } from './modules/reports/index.js';
import { taskOverdueJob } from './modules/tasks/index.js';
import { backupJob } from './ops/backup.job.js';
import { startAnchoring } from './platform/audit/anchor.js';
import { pruneSessions } from './platform/auth/sessions.js';
import { type Clock, systemClock } from './platform/clock.js';
import { auditKeys, loadCiphers } from './platform/crypto/keys.js';
import { notifyHandlers } from './platform/notify/index.js';
import { type PeriodicJob, startQueue } from './platform/queue/queue.js';
import { OffsetClock } from './platform/test-clock.js';
import { describeError, openDatabase } from './runtime.js';
import { bootstrap } from './seed/bootstrap.js';
import { DEMO_PASSWORD, seedDemo } from './seed/demo.js';

const say = (m: string) => process.stdout.write(`${m}\n`);

/** start: config → database (embedded or URL) → migrate → seed on first start → listen. */
async function main() {
  const config = loadConfig();
  const runtime = await openDatabase(config, say);
  let stopping = false;
  let anchoring: { stop(): Promise<void> } | undefined;
  let stopQueue = async () => {};
  // Browser tests move rule time (VANGUARD_TEST_CLOCK, never in production); everyone else runs on the system clock.
  const testClock = config.testClock ? new OffsetClock() : undefined;
  const clock: Clock = testClock ?? systemClock;
  const app = await buildApp({ config, db: runtime.db, clock, testClock });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n收到 ${signal}，正在停止… / stopping…`);
    await stopQueue().catch(() => {});
    // Drain (issue 17 item 7): /api/ready turns 503 and new requests get 503 while the ones under way
    // finish; past SHUTDOWN_TIMEOUT_MS (default 10 s) the connections still open are cut.
    const limit = Number(process.env.SHUTDOWN_TIMEOUT_MS || 10_000);
    const cut = setTimeout(() => app.server.closeAllConnections(), limit);
    await app.close().catch(() => {});
    clearTimeout(cut);
    await anchoring?.stop().catch(() => {});
    await runtime.stop().catch(() => {});
    say('已停止 / stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const ciphers = await loadCiphers(runtime.db, config.masterKey, config.fieldCipher);
  if (config.demo) {
    const logins = await seedDemo(runtime.db, ciphers, clock.now());
    if (logins) say('已写入演示数据（虚构的晋岭能源集团）/ demo data seeded');
  } else {
    const accounts = await bootstrap(runtime.db);
    if (accounts) {
      say('\n首次启动：已创建三员账号，以下一次性密码只显示这一次，首次登录须修改 / one-time passwords, shown once:');
      for (const a of accounts) say(`  ${a.role.padEnd(8)} ${a.username.padEnd(10)} ${a.password}`);
    }
  }

  // The audit chain's head, signed into DATA_DIR/audit-anchors.log now and every minute (issue 15 item 1).
  anchoring = await startAnchoring({
    db: runtime.db,
    keys: auditKeys(config.masterKey),
    dataDir: config.dataDir,
    now: () => clock.now(),
    log: (m) => app.log.warn(m),
  });

  // Rule-driven to-dos and batches, on the queue in PostgreSQL (pg-boss): each runs at start and every six
  // hours, once across all app nodes; a failure is logged and retried with backoff, and does not stop the others.
  const jobs: Record<string, PeriodicJob> = {
    terms: refreshTermReminders,
    recruitment: refreshRecruitmentReminders,
    relations: refreshRelationReminders,
    bills: generateMonthBills,
    dues: refreshDuesArrears,
    life: refreshLifeReminders,
    mentors: refreshMentorsReminders,
    competitions: refreshCompetitionsReminders,
    sessions: pruneSessions,
    analytics: refreshRollups,
    tasks: taskOverdueJob,
    reports: async (db, now) => ({ purged: await purgeExpiredReports(db, now, ciphers), reminders: await refreshReportReminders(db, now) }),
    petitions: refreshPetitionClocks,
  };
  const queue = await startQueue({
    url: runtime.url,
    db: runtime.db,
    clock,
    log: app.log,
    periodic: jobs,
    awaitStartMs: 120_000,
    handlers: {
      ...notifyHandlers({
        db: runtime.db,
        clock,
        ciphers,
        log: app.log,
        // SMS gateways need a number: the member record's mobile (decrypted, and the read audited).
        addressOf: async (userIds, kind) => (kind === 'sms_http' ? mobilesOfUsers(runtime.db, ciphers, userIds, clock.now()) : new Map()),
      }),
      // The daily backup with its retention (issue 17 item 3, ops/backup.job.ts).
      ...backupJob({ config, ownerUrl: runtime.ownerUrl, appRole: runtime.appRole, log: app.log }),
    },
  });
  stopQueue = () => queue.stop();

  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  say(`\n先锋智慧党建 Vanguard 已启动: http://${shown}:${config.port}/admin/  （手机端 /m/ ，接口文档 /api/docs）`);
  if (config.demo) {
    say(`演示账号（密码均为 ${DEMO_PASSWORD}）/ demo logins (password ${DEMO_PASSWORD}):`);
    say('  orgadmin 集团组织部管理员 · mineadmin 东山矿组织科 · secretary 东山综采一队支部书记 · committee 支委');
    say('  member 党员 · worker 职工群众 · handler 纪委办案人员 · sysadmin 系统管理员 · secadmin 安全管理员 · auditor 审计管理员');
  }
  if (testClock) say('测试时钟已开启（VANGUARD_TEST_CLOCK）：PUT/DELETE /api/test/clock / test clock on');
  say('按 Ctrl-C 停止 / Ctrl-C to stop');
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`启动失败 / failed to start: ${describeError(e)}\n`);
  process.exit(1);
});
