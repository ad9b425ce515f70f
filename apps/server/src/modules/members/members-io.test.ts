import { makeIdNumber } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { type Caller, createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, memberImports, memberStatusHistory, members, roleGrants } from '../../db/schema/index.js';
import { cellDate } from '../../platform/xlsx.js';
import { normalizeHeader } from './members-io.columns.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const HEADERS = [
  '姓名*',
  '性别*',
  '民族',
  '出生日期*',
  '身份证号*',
  '籍贯',
  '学历',
  '职务/岗位',
  '手机号',
  '人员类别*',
  '申请入党日期',
  '入党日期*',
  '转正日期',
  '所属党组织*',
  '标签',
];
type Row = Record<string, ExcelJS.CellValue>;

let n = 0;
/** A valid row: ID number, birth date and sex agree; applied < admitted < full; 25 at admission. */
function person(org: string, over: Row = {}): Row {
  n += 1;
  const y = 1960 + (n % 30);
  const birth = `${y}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const sex = n % 2 ? '男' : '女';
  return {
    姓名: `导入${n}号`,
    性别: sex,
    民族: '汉族',
    出生日期: birth,
    身份证号: makeIdNumber('140402', birth, 100 + n, sex),
    籍贯: '山西长治',
    学历: '大专',
    '职务/岗位': '综采队采煤机司机',
    手机号: `139${String(n).padStart(8, '0')}`,
    人员类别: '正式党员',
    申请入党日期: `${y + 24}-01-15`,
    入党日期: `${y + 25}-03-01`,
    转正日期: `${y + 26}-03-01`,
    所属党组织: org,
    标签: '先锋岗',
    ...over,
  };
}

async function workbook(rows: Row[], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h.replace('*', '')] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(name: string, content: Buffer, field = 'file') {
  const boundary = '----vanguard-import';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (c: Caller, bytes: Buffer, name = '党员信息.xlsx') =>
  c.inject({ method: 'POST', url: '/api/v1/members/imports', ...multipart(name, bytes) });

interface ImportDto {
  id: number;
  status: string;
  totalRows: number;
  validRows: number;
  importedRows: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
}

async function readXlsx(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const membersIn = async (orgId: number) =>
  (await env.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM members WHERE org_id = ${orgId}`)).rows[0].n;

async function branchWithSecretary() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const other = await env.buildOrg({ parent: committee });
  const user = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  return { committee, branch, other, user, secretary: await env.as(user) };
}

describe('reading cells', () => {
  it.each([
    [new Date('1985-06-01T00:00:00Z'), '1985-06-01'],
    [new Date('1985-05-31T23:59:59.990Z'), '1985-06-01'],
    [31199, '1985-06-01'],
    [19850601, '1985-06-01'],
    ['1985-06-01', '1985-06-01'],
    ['1985/6/1', '1985-06-01'],
    ['1985.6.1', '1985-06-01'],
    ['1985年6月1日', '1985-06-01'],
    ['19850601', '1985-06-01'],
    ['1985-02-29', undefined],
    ['1985-13-01', undefined],
    ['85/6/1', undefined],
    ['不详', undefined],
    [true, undefined],
  ])('cellDate(%s) → %s', (cell, expected) => {
    expect(cellDate(cell)).toBe(expected);
  });

  it.each([
    ['身份证号*', '身份证号'],
    [' 标签（、分隔）', '标签'],
    ['公民身份号码', '公民身份号码'],
  ])('normalizeHeader(%s) → %s', (h, expected) => {
    expect(normalizeHeader(h)).toBe(expected);
  });
});

describe('import template', () => {
  it('has the Chinese columns, dropdowns fed from 说明, and the orgs the user may write', async () => {
    const { branch, other, secretary } = await branchWithSecretary();
    const res = await secretary.get('/api/v1/members/import-template');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('党员导入模板.xlsx')}`);
    const wb = await readXlsx(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '说明']);
    const header = wb.worksheets[0].getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(HEADERS);
    const validations = (wb.worksheets[0] as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    expect(validations.B2).toMatchObject({ type: 'list', formulae: ["'说明'!$E$4:$E$5"] });
    expect(validations.J2?.type).toBe('list');
    const rules = wb.getWorksheet('说明');
    const cells: string[] = [];
    rules?.eachRow((r) => {
      r.eachCell((c) => {
        cells.push(String(c.value));
      });
    });
    expect(cells).toContain(branch.name);
    expect(cells).not.toContain(other.name);
    expect(cells).toContain('预备党员');
  });
});

describe('import: check, then commit all-or-nothing', () => {
  it('reports a bad row by row and column and writes nothing; the fixed file imports', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const good = [person(branch.name), person(branch.name)];
    const bad = person(branch.name);
    const badId = `${String(bad.身份证号).slice(0, 17)}${String(bad.身份证号).endsWith('0') ? '1' : '0'}`;
    const res = await upload(secretary, await workbook([good[0], { ...bad, 身份证号: badId }, good[1]]));
    expect(res.statusCode, res.body).toBe(200);
    const checked = json<ImportDto>(res);
    expect(checked).toMatchObject({ status: 'checked', totalRows: 3, validRows: 2, importedRows: 0, errorCount: 1 });
    expect(checked.errors).toEqual([{ row: 3, column: '身份证号', message: '身份证号无效（位数或校验位不对）' }]);
    expect(await membersIn(branch.id)).toBe(0);

    const refused = await secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'all' });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).message).toContain('1 处错误');
    expect(await membersIn(branch.id)).toBe(0);

    // Excel dates, text dates with slashes and a label list all read.
    const fixed = await upload(
      secretary,
      await workbook([
        good[0],
        {
          ...bad,
          出生日期: new Date(`${bad.出生日期}T00:00:00Z`),
          入党日期: String(bad.入党日期).replaceAll('-', '/'),
          标签: '先锋岗、困难',
        },
        good[1],
      ]),
    );
    const again = json<ImportDto>(fixed);
    expect(again).toMatchObject({ validRows: 3, errorCount: 0, errors: [] });
    const done = await secretary.post(`/api/v1/members/imports/${again.id}/commit`, { mode: 'all' });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<ImportDto>(done)).toMatchObject({ status: 'committed', importedRows: 3 });

    const rows = await env.db.select().from(members).where(eq(members.orgId, branch.id));
    expect(rows).toHaveLength(3);
    const written = rows.find((r) => r.idNumberBi === env.ciphers.members.blindIndex(String(bad.身份证号)));
    expect(written).toMatchObject({
      name: bad.姓名,
      birthDate: bad.出生日期,
      admittedOn: bad.入党日期,
      category: 'full',
      status: 'normal',
      labels: ['先锋岗', '困难'],
      namePinyin: expect.stringMatching(/^daoru/),
      nameInitials: expect.stringMatching(/^dr/),
    });
    expect(written?.idNumberEnc).not.toContain(String(bad.身份证号));
    expect(env.ciphers.members.decrypt(written?.phoneEnc ?? '')).toBe(bad.手机号);
    const history = await env.db
      .select()
      .from(memberStatusHistory)
      .where(eq(memberStatusHistory.memberId, written?.id ?? 0));
    expect(history.map((h) => [h.field, h.toValue, h.effectiveOn])).toEqual([['category', 'full', bad.转正日期]]);
    const [entry] = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.import'), eq(auditLog.entityId, String(again.id))));
    expect(entry.after).toMatchObject({ mode: 'all', importedRows: 3, skippedRows: 0 });
    expect(JSON.stringify(entry.after)).not.toContain(String(bad.身份证号));

    // Through the ordinary list, the imported people are found by ID number.
    const found = json<{ total: number }>(await secretary.get(`/api/v1/members?q=${bad.身份证号}`));
    expect(found.total).toBe(1);
  });

  it('valid-only writes the rows without errors; the report opens with 错误说明 and red cells', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const young = person(branch.name, { 入党日期: null });
    const birthYear = Number(String(young.出生日期).slice(0, 4));
    const rows = [
      person(branch.name, { 性别: '未知' }),
      person(branch.name),
      { ...young, 入党日期: `${birthYear + 17}-06-01`, 申请入党日期: `${birthYear + 16}-06-01`, 转正日期: `${birthYear + 18}-07-01` },
      person(branch.name, { 人员类别: '预备党员' }),
      person(branch.name),
    ];
    const checked = json<ImportDto>(await upload(secretary, await workbook(rows)));
    expect(checked).toMatchObject({ totalRows: 5, validRows: 2 });
    expect(checked.errors).toEqual([
      { row: 2, column: '性别', message: '性别只能填写：男、女' },
      { row: 4, column: '入党日期', message: '入党时须年满十八岁' },
      { row: 5, column: '转正日期', message: '预备党员不应有转正日期' },
    ]);
    const res = await secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'valid-only' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ImportDto>(res)).toMatchObject({ status: 'committed', importedRows: 2, validRows: 2 });
    expect(await membersIn(branch.id)).toBe(2);

    const report = await secretary.get(`/api/v1/members/imports/${checked.id}/errors.xlsx?validFirst=true`);
    expect(report.statusCode, report.body).toBe(200);
    const ws = (await readXlsx(report)).worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...HEADERS, '错误说明', '原行号']);
    const note = HEADERS.length + 1;
    expect([2, 3, 4, 5, 6].map((r) => ws.getRow(r).getCell(note + 1).value)).toEqual([3, 6, 2, 4, 5]);
    expect(ws.getRow(2).getCell(note).value).toBe('已导入');
    expect(ws.getRow(4).getCell(note).value).toBe('性别：性别只能填写：男、女');
    expect(ws.getRow(4).getCell(2).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getRow(4).getCell(1).fill).toBeUndefined();

    const onlyErrors = (await readXlsx(await secretary.get(`/api/v1/members/imports/${checked.id}/errors.xlsx?onlyErrors=true`)))
      .worksheets[0];
    expect(onlyErrors.rowCount).toBe(4);
  });

  it('reports an ID number repeated in the file (both rows) and one already in the archive', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const existing = person(branch.name);
    const created = await secretary.post('/api/v1/members', {
      name: existing.姓名,
      sex: existing.性别,
      birthDate: existing.出生日期,
      idNumber: existing.身份证号,
      category: 'full',
      appliedOn: existing.申请入党日期,
      admittedOn: existing.入党日期,
      fullOn: existing.转正日期,
      orgId: branch.id,
    });
    expect(created.statusCode, created.body).toBe(200);
    const twin = person(branch.name);
    const rows = [twin, person(branch.name), { ...twin, 姓名: '另一人' }, existing];
    const checked = json<ImportDto>(await upload(secretary, await workbook(rows)));
    expect(checked.errors).toEqual([
      { row: 2, column: '身份证号', message: '与第 4 行的身份证号重复' },
      { row: 4, column: '身份证号', message: '与第 2 行的身份证号重复' },
      { row: 5, column: '身份证号', message: '该身份证号已在党员档案中（如需修改请在档案中编辑）' },
    ]);
    expect(checked.validRows).toBe(1);
  });

  it('所属党组织 must name exactly one live org the user may write', async () => {
    const { committee, branch, other, user } = await branchWithSecretary();
    const readOnly = await env.buildOrg({ parent: committee });
    await env.db.insert(roleGrants).values({ userId: user.id, role: 'branch_committee', orgId: readOnly.id });
    const twinName = `同名党小组${n}`;
    await env.buildOrg({ parent: branch, name: twinName, kind: 'group' });
    await env.buildOrg({ parent: branch, name: twinName, kind: 'group' });
    const rows = [person(other.name), person(readOnly.name), person(twinName), person('不存在的支部'), person(branch.name)];
    const checked = json<ImportDto>(await upload(await env.as(user), await workbook(rows)));
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '所属党组织'],
      [3, '所属党组织'],
      [4, '所属党组织'],
      [5, '所属党组织'],
    ]);
    expect(checked.errors[0].message).toBe(`未找到党组织“${other.name}”（须填写全称，且未撤销）`);
    expect(checked.errors[1].message).toBe(`无权向“${readOnly.name}”导入党员（需要党员档案维护权限）`);
    expect(checked.errors[2].message).toContain('有 2 个名为');
    expect(checked.validRows).toBe(1);
  });

  it('refuses what is not an xlsx (415), an oversized upload (413), an empty sheet and missing columns (400)', async () => {
    const { branch, secretary, user } = await branchWithSecretary();
    const pdf = await upload(secretary, Buffer.from('%PDF-1.7 not a sheet'), '党员.xlsx');
    expect(pdf.statusCode).toBe(415);
    expect(json(pdf)).toMatchObject({ code: 'FILE_TYPE', message: expect.stringContaining('Excel') });
    const fakeZip = await upload(secretary, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(fakeZip.statusCode).toBe(415);
    const json415 = await secretary.post('/api/v1/members/imports', { file: 'x' });
    expect(json415.statusCode).toBe(415);

    const big = await upload(secretary, Buffer.concat([await workbook([person(branch.name)]), Buffer.alloc(21 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);

    const empty = await upload(secretary, await workbook([]));
    expect(empty.statusCode).toBe(400);
    expect(json(empty).message).toBe('表格中没有数据');
    const noId = await upload(
      secretary,
      await workbook(
        [person(branch.name)],
        HEADERS.filter((h) => !h.startsWith('身份证号')),
      ),
    );
    expect(noId.statusCode).toBe(400);
    expect(json(noId).message).toBe('表格缺少必填列：身份证号');
    expect(await env.db.select().from(memberImports).where(eq(memberImports.actorId, user.id))).toEqual([]);
    expect(await membersIn(branch.id)).toBe(0);
  });

  it('committing twice writes nothing new and answers the first result', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const checked = json<ImportDto>(await upload(secretary, await workbook([person(branch.name), person(branch.name)])));
    const first = await secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'all' });
    const second = await secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'valid-only' });
    expect(second.statusCode).toBe(200);
    expect(json<ImportDto>(second)).toEqual(json<ImportDto>(first));
    expect(await membersIn(branch.id)).toBe(2);
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.import'), eq(auditLog.entityId, String(checked.id))));
    expect(audits).toHaveLength(1);
    const status = json<ImportDto>(await secretary.get(`/api/v1/members/imports/${checked.id}`));
    expect(status).toMatchObject({ status: 'committed', importedRows: 2, validRows: 2 });
  });

  it('re-checks at commit: an ID number recorded since the check stops the commit, nothing is written', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const p = person(branch.name);
    const checked = json<ImportDto>(await upload(secretary, await workbook([person(branch.name), p])));
    expect(checked.validRows).toBe(2);
    await env.buildMember({ org: branch, name: '抢先录入' }).then(({ id }) =>
      env.db
        .update(members)
        .set({ idNumberBi: env.ciphers.members.blindIndex(String(p.身份证号)) })
        .where(eq(members.id, id)),
    );
    const res = await secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'all' });
    expect(res.statusCode).toBe(409);
    expect(await membersIn(branch.id)).toBe(1);
    const now = json<ImportDto>(await secretary.get(`/api/v1/members/imports/${checked.id}`));
    expect(now).toMatchObject({ status: 'checked', validRows: 1, importedRows: 0 });
    expect(now.errors).toEqual([{ row: 3, column: '身份证号', message: '该身份证号已在党员档案中（如需修改请在档案中编辑）' }]);
  });

  it("another branch's import is not there (404); the committee above sees it", async () => {
    const { committee, branch, other, secretary } = await branchWithSecretary();
    const checked = json<ImportDto>(await upload(secretary, await workbook([person(branch.name)])));
    const stranger = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: other.id }] }));
    expect((await stranger.get(`/api/v1/members/imports/${checked.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/members/imports/${checked.id}/errors.xlsx`)).statusCode).toBe(404);
    const above = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
    expect((await above.get(`/api/v1/members/imports/${checked.id}`)).statusCode).toBe(200);
  });
});

describe('POST /api/v1/members/imports/:id/commit authz', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, org) => {
      const owner = await e.as(await e.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] }));
      const [orgRow] = (await e.db.execute<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${org.id}`)).rows;
      const res = await upload(owner, await workbook([person(orgRow.name)]));
      return { id: json<ImportDto>(res).id, orgId: org.id };
    },
    request: (rec) => ({ method: 'POST', url: `/api/v1/members/imports/${rec.id}/commit`, payload: { mode: 'all' } }),
    snapshot: async (e, rec) => ({
      imp: (await e.db.select().from(memberImports).where(eq(memberImports.id, rec.id)))[0],
      members: await membersIn(rec.orgId),
    }),
  });
});

describe('export', () => {
  it('streams 党员名册: masked by default, revealed only with the permission, and audited', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const people = [person(branch.name), person(branch.name, { 标签: '流动' })];
    const checked = json<ImportDto>(await upload(secretary, await workbook(people)));
    await secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'all' });

    const masked = await secretary.get(`/api/v1/members/export.xlsx?orgId=${branch.id}&sort=id`);
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.headers['content-disposition']).toBe(
      `attachment; filename="member-roster-20260302.xlsx"; filename*=UTF-8''${encodeURIComponent('党员名册-20260302.xlsx')}`,
    );
    const ws = (await readXlsx(masked)).worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['序号', '姓名', '性别', '民族', '出生日期', '公民身份号码']);
    expect(ws.rowCount).toBe(3);
    const idCol = header.indexOf('公民身份号码') + 1;
    const ids = [2, 3].map((r) => String(ws.getRow(r).getCell(idCol).value));
    expect(ids.every((v) => v.includes('**********'))).toBe(true);
    expect(ws.getRow(3).getCell(header.indexOf('是否流动党员') + 1).value).toBe('是');
    // Issue 15 item 2: where the ID number is masked the birth date is not shown; the revealed roster has it.
    expect(ws.getRow(2).getCell(header.indexOf('出生日期') + 1).value).toBeNull();

    const revealed = (await readXlsx(await secretary.get(`/api/v1/members/export.xlsx?orgId=${branch.id}&sort=id&reveal=true`)))
      .worksheets[0];
    expect([2, 3].map((r) => revealed.getRow(r).getCell(idCol).value)).toEqual(people.map((p) => p.身份证号));
    expect(revealed.getRow(2).getCell(header.indexOf('出生日期') + 1).value).toEqual(new Date(`${people[0].出生日期}T00:00:00Z`));

    const committeeMember = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }));
    const refused = (await readXlsx(await committeeMember.get(`/api/v1/members/export.xlsx?orgId=${branch.id}&reveal=true`))).worksheets[0];
    expect(String(refused.getRow(2).getCell(idCol).value)).toContain('*');

    const audits = await env.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(sql`${auditLog.action} LIKE 'member.export%' AND ${auditLog.after}->'filters'->>'orgId' = ${String(branch.id)}`)
      .orderBy(auditLog.seq);
    expect(audits.map((a) => [a.action, (a.after as { revealedRows: number }).revealedRows])).toEqual([
      ['member.export', 0],
      ['member.export_revealed', 2],
      ['member.export', 0],
    ]);
  });

  it('keeps to scope: another branch is 404, no session is 401', async () => {
    const { other, secretary } = await branchWithSecretary();
    expect((await secretary.get(`/api/v1/members/export.xlsx?orgId=${other.id}`)).statusCode).toBe(404);
    expect((await env.anon.get('/api/v1/members/export.xlsx')).statusCode).toBe(401);
  });
});

describe('performance', () => {
  it('checks and commits 10,000 rows (time printed)', { timeout: 180_000 }, async () => {
    const { branch, secretary } = await branchWithSecretary();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员信息');
    ws.addRow(HEADERS);
    for (let i = 0; i < 10_000; i++) {
      // Unique (birth date, sequence) pairs: 8,000 consecutive days from 1960, then the next sequence.
      const birth = new Date(Date.UTC(1960, 0, 1 + (i % 8000))).toISOString().slice(0, 10);
      const y = Number(birth.slice(0, 4));
      const sex = i % 2 ? '男' : '女';
      const id = makeIdNumber('140481', birth, 300 + Math.floor(i / 8000), sex);
      ws.addRow([
        `批量${i}`,
        sex,
        '汉族',
        birth,
        id,
        '山西',
        '大专',
        '掘进工',
        `137${String(i).padStart(8, '0')}`,
        '正式党员',
        `${y + 24}-01-15`,
        `${y + 25}-03-01`,
        `${y + 26}-03-01`,
        branch.name,
        '',
      ]);
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const t0 = performance.now();
    const res = await upload(secretary, bytes, '万人.xlsx');
    const t1 = performance.now();
    expect(res.statusCode, res.body).toBe(200);
    const checked = json<ImportDto>(res);
    expect(checked).toMatchObject({ totalRows: 10_000, validRows: 10_000, errorCount: 0 });
    const committing = secretary.post(`/api/v1/members/imports/${checked.id}/commit`, { mode: 'all' });
    // Progress is visible while the commit runs (GET between batches).
    const seen: number[] = [];
    let finished = false;
    void committing.finally(() => {
      finished = true;
    });
    while (!finished) {
      seen.push(json<ImportDto>(await secretary.get(`/api/v1/members/imports/${checked.id}`)).importedRows);
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await committing;
    const t2 = performance.now();
    expect(done.statusCode, done.body).toBe(200);
    expect(seen.some((v) => v > 0 && v < 10_000)).toBe(true);
    expect(await membersIn(branch.id)).toBe(10_000);
    process.stdout.write(
      `import 10,000 rows (${Math.round(bytes.length / 1024)} KB): check ${Math.round(t1 - t0)} ms, commit ${Math.round(t2 - t1)} ms, total ${Math.round(t2 - t0)} ms; progress seen ${[...new Set(seen)].join(' → ')}\n`,
    );
    const t3 = performance.now();
    const exported = await secretary.get(`/api/v1/members/export.xlsx?orgId=${branch.id}`);
    expect(exported.statusCode).toBe(200);
    process.stdout.write(
      `export 10,000 rows: ${Math.round(performance.now() - t3)} ms, ${Math.round(exported.rawPayload.length / 1024)} KB\n`,
    );
  });
});
