import { Empty, Flex, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrgEventDto } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { useOrgHistory } from './org-query';
import { categoryText, kindText } from './org-text';

const EVENT_KINDS = ['create', 'update', 'move', 'upgrade', 'merge', 'absorb', 'dissolve', 'receive_members', 'term_start'] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const isKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);

const COLOR: Record<EventKind, string> = {
  create: 'green',
  update: 'gray',
  move: 'blue',
  upgrade: 'blue',
  merge: 'red',
  absorb: 'blue',
  dissolve: 'red',
  receive_members: 'blue',
  term_start: 'green',
};

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const FIELDS = ['name', 'category', 'unitName', 'foundedOn', 'docNo'] as const;

/** One line saying what happened, from the event's details (whatever the server recorded). */
function summary(t: TFunction, e: OrgEventDto): string {
  const d = e.details;
  switch (e.kind) {
    case 'create':
      return t('orgHistory.summary.create', { parent: str(d.parentName), kind: kindText(t, str(d.kind)) });
    case 'move':
      return t('orgHistory.summary.move', { from: str(d.fromParentName) || '—', to: str(d.toParentName) });
    case 'upgrade':
      return t('orgHistory.summary.upgrade', { from: kindText(t, str(d.fromKind)), to: kindText(t, str(d.toKind)), name: str(d.toName) });
    case 'merge':
      return t('orgHistory.summary.merge', { into: str(d.intoName) });
    case 'absorb':
      return t('orgHistory.summary.absorb', { from: str(d.fromName) });
    case 'dissolve':
      return d.transferredToName
        ? t('orgHistory.summary.dissolveTransfer', { to: str(d.transferredToName) })
        : t('orgHistory.summary.dissolve');
    case 'receive_members':
      return t('orgHistory.summary.receive', { from: str(d.fromName) });
    case 'term_start':
      return t('orgHistory.summary.term', { from: str(d.startedOn), to: str(d.endsOn) });
    case 'update':
      return FIELDS.filter((f) => f in d)
        .map((f) => {
          const c = (d[f] ?? {}) as { from?: unknown; to?: unknown };
          const show = (v: unknown) => (f === 'category' ? categoryText(t, str(v)) : str(v)) || '—';
          return t('orgHistory.summary.field', { field: t(`orgDetail.fields.${f}`), from: show(c.from), to: show(c.to) });
        })
        .join('；');
    default:
      return '';
  }
}

/** 历史沿革: what happened to the org, newest first, with who did it and the approving document. */
export function HistoryTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const history = useOrgHistory(orgId);
  if (history.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorText(history.error, t)} />;
  if (!history.data) return <Skeleton active />;
  if (history.data.length === 0) return <Empty description={t('orgHistory.empty')} data-testid="history-empty" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      data-testid="org-history"
      items={history.data.map((e) => ({
        key: e.id,
        color: isKind(e.kind) ? COLOR[e.kind] : 'gray',
        content: (
          <Flex vertical gap={2} data-testid={`history-${e.id}`}>
            <Flex gap={8} wrap align="center">
              <Tag>{isKind(e.kind) ? t(`orgHistory.kinds.${e.kind}`) : e.kindName}</Tag>
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
            </Flex>
            {summary(t, e) && <span>{summary(t, e)}</span>}
            {str(e.details.reason) && (
              <Typography.Text type="secondary">{t('orgHistory.reason', { reason: str(e.details.reason) })}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.actorName && t('orgHistory.actor', { name: e.actorName }), e.docNo && t('orgHistory.docNo', { docNo: e.docNo })]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
