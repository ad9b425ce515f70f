import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Result, Spin, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type LetterDto, relationsApi } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';

/* Printing shows only the letter: everything else on the page is hidden. */
const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .vg-print, .vg-print * { visibility: visible !important; }
  .vg-print { position: absolute; left: 0; top: 0; width: 100%; }
  .vg-no-print { display: none !important; }
}`;

const part: CSSProperties = {
  border: '1px solid #333',
  padding: '20px 28px',
  fontFamily: '"Noto Serif CJK SC", "Songti SC", SimSun, serif',
  fontSize: 16,
  lineHeight: 2,
  background: '#fff',
  color: '#000',
};
const cut: CSSProperties = { borderTop: '1px dashed #888', margin: '10px 0', textAlign: 'center', fontSize: 12, color: '#666' };
const blank = (v: ReactNode, minWidth = 80) => (
  <span style={{ borderBottom: '1px solid #000', padding: '0 6px', display: 'inline-block', minWidth, textAlign: 'center' }}>
    {v || '\u00a0'}
  </span>
);

function Part({ label, number, children, testId }: { label: string; number: string; children: ReactNode; testId: string }) {
  return (
    <section style={part} data-testid={testId}>
      <Flex justify="space-between" align="baseline">
        <Typography.Text style={{ fontSize: 13 }}>（{label}）</Typography.Text>
        <span>第 {blank(number, 100)} 号</span>
      </Flex>
      {children}
    </section>
  );
}

/** The three parts of 中国共产党党员组织关系介绍信 (存根 / 介绍信 / 回执), figures also in capital numerals. */
function OutgoingLetter({ l }: { l: LetterDto }) {
  const category = l.category === 'probationary' ? '预备' : '正式';
  return (
    <>
      <Part label="存根联" number={l.number} testId="print-stub">
        <p>
          {blank(l.name)}同志系中共{blank(category, 40)}党员，组织关系由{blank(l.fromOrgName, 160)}转到{blank(l.toOrgName, 160)}。
        </p>
        <p>
          党费已交到{blank(l.duesPaidToCapital, 160)}。有效期{blank(l.validityDaysCapital, 60)}天。
        </p>
        <p>开具日期：{blank(l.issuedOnCapital, 180)}</p>
      </Part>
      <div style={cut}>（骑缝章）</div>
      <Part label="介绍信联" number={l.number} testId="print-letter">
        <h2 style={{ textAlign: 'center', margin: '4px 0 8px', letterSpacing: 4 }}>中国共产党党员组织关系介绍信</h2>
        <p>{blank(l.addressee, 220)}：</p>
        <p style={{ textIndent: '2em' }}>
          {blank(l.name)}同志（{blank(l.sex, 30)}，{blank(l.age, 30)}岁，{blank(l.ethnicity, 50)}），系中共{blank(category, 40)}
          党员，身份证号码
          {blank(l.idNumber, 200)}，由{blank(l.fromOrgName, 160)}去{blank(l.toOrgName, 160)}，请转接组织关系。
        </p>
        <p style={{ textIndent: '2em' }}>该同志党费已交到{blank(l.duesPaidToCapital, 160)}。</p>
        <p style={{ textAlign: 'right' }}>（盖章）</p>
        <p style={{ textAlign: 'right' }}>{l.issuedOnCapital}</p>
        <p>（有效期{blank(l.validityDaysCapital, 60)}天）</p>
        <p>党员联系电话或其他联系方式：{blank(l.memberPhone, 160)}</p>
        <p>
          党员原所在基层党委通讯地址：{blank(l.committeeAddress, 260)} 联系电话：{blank(l.committeePhone, 120)}
        </p>
        <p>
          传真：{blank(l.committeeFax, 120)} 邮编：{blank(l.committeePostcode, 80)}
        </p>
      </Part>
      <div style={cut}>（沿此线剪下，由接收党员的基层党委在党员报到后一个月内寄回）</div>
      <Part label="回执联" number={l.number} testId="print-receipt">
        <p>{blank(l.committeeName, 200)}：</p>
        <p style={{ textIndent: '2em' }}>{blank(l.name)}同志的党员组织关系已转达我处，特此回复。</p>
        <p style={{ textAlign: 'right' }}>（盖章）</p>
        <p style={{ textAlign: 'right' }}>{l.receiptOnCapital ?? '　　年　　月　　日'}</p>
        <p>
          经办人：{blank(l.receiptHandler, 100)} 联系电话：{blank('', 140)}
        </p>
      </Part>
    </>
  );
}

/** The receipt we send back for a member who arrived with a letter from elsewhere. */
function IncomingReceipt({ l }: { l: LetterDto }) {
  return (
    <Part label="回执联" number={l.number} testId="print-receipt">
      <p>{blank(l.committeeName, 220)}：</p>
      <p style={{ textIndent: '2em' }}>
        {blank(l.name)}同志的党员组织关系已转达我处（{l.toOrgName}），特此回复。
      </p>
      <p style={{ textAlign: 'right' }}>{l.receiptOrgName}（盖章）</p>
      <p style={{ textAlign: 'right' }}>{l.receiptOnCapital}</p>
      <p>
        经办人：{blank(l.receiptHandler, 100)} 联系电话：{blank('', 140)}
      </p>
    </Part>
  );
}

/** 打印: the letter (or the receipt) with the ID number shown — the view is audited. */
export function LetterPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: me } = useMe();
  const reveal = hasPermission(me, 'members:read-sensitive');
  const q = useQuery({
    queryKey: ['relations', 'letter', id, reveal],
    queryFn: () => relationsApi.letter(Number(id), reveal),
    enabled: Boolean(me),
  });
  if (q.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorText(q.error, t)} />;
  if (!q.data) return <Spin />;
  const l = q.data;
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <Flex className="vg-no-print" justify="space-between" align="center" style={{ marginBottom: 12 }} gap={8} wrap>
        <Link to="/admin/relations/letters">{t('relations.backToLetters')}</Link>
        <Flex gap={8}>
          <Button type="primary" onClick={() => window.print()} data-testid="print-button">
            {t('relations.print')}
          </Button>
        </Flex>
      </Flex>
      {(l.isExpired || l.status === 'void') && (
        <Alert
          className="vg-no-print"
          type="warning"
          showIcon
          title={l.status === 'void' ? t('relations.voidWarning') : t('relations.expiredWarning', { date: l.validUntil })}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="vg-print" style={{ maxWidth: 820, margin: '0 auto' }} data-testid="letter-print">
        {l.direction === 'out' ? <OutgoingLetter l={l} /> : <IncomingReceipt l={l} />}
        <Typography.Paragraph type="secondary" className="vg-no-print" style={{ marginTop: 12, fontSize: 12 }}>
          {t('relations.sourceLabel')}
          {l.source}
        </Typography.Paragraph>
      </div>
    </div>
  );
}
