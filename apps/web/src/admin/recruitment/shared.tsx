import { Flex, Segmented, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { NextStep, Periodic } from '../../api/recruitment';
import { hasPermission, useMe } from '../../lib/session';
import { useOrgTree } from '../orgs/org-tree';

export const STATE_COLOR: Record<string, string> = {
  ok: 'green',
  blocked: 'default',
  warning: 'orange',
  overdue: 'red',
  due: 'orange',
  late: 'red',
};

/** The org the pages look at: `?orgId=`, else the first root of the user's tree. */
export function useOrgParam(): [number | undefined, (id: number) => void] {
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree();
  const fromUrl = Number(params.get('orgId')) || undefined;
  const orgId = fromUrl ?? tree.data?.[0]?.id;
  const set = (id: number) =>
    setParams((p) => {
      p.set('orgId', String(id));
      return p;
    });
  return [orgId, set];
}

/** 发展看板 / 待上级党委办理 / 年度发展计划. */
export function RecruitmentNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const { data: me } = useMe();
  const current = pathname.endsWith('/approvals') ? 'approvals' : pathname.endsWith('/plans') ? 'plans' : 'board';
  const options = [
    { value: 'board', label: t('recruitment.board') },
    ...(hasPermission(me, 'recruitment:approve') ? [{ value: 'approvals', label: t('recruitment.approvals') }] : []),
    { value: 'plans', label: t('recruitment.plans') },
  ];
  return (
    <Segmented
      value={current}
      options={options}
      onChange={(v) => navigate(`/admin/recruitment${v === 'board' ? '' : `/${v}`}${search}`)}
      data-testid="recruitment-nav"
    />
  );
}

export function NextCell({ next, t }: { next: NextStep | null; t: TFunction }) {
  if (!next) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={0}>
      <span>
        {t('recruitment.stepNo', { no: next.no })} {next.name}
        {next.actor === 'committee' && (
          <Tag color="blue" style={{ marginInlineStart: 6 }}>
            {t('recruitment.actor.committee')}
          </Tag>
        )}
      </span>
      {next.message && (
        <Typography.Text
          type={next.state === 'overdue' ? 'danger' : next.state === 'warning' ? 'warning' : 'secondary'}
          style={{ fontSize: 12 }}
        >
          {next.message}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function DueCell({ next, t }: { next: NextStep | null; t: TFunction }) {
  if (!next) return null;
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tag color={STATE_COLOR[next.state]}>{t(`recruitment.state.${next.state}`)}</Tag>
      {next.opensOn && next.state === 'blocked' && <span>{t('recruitment.opensOn', { date: next.opensOn })}</span>}
      {next.dueOn && <span>{t('recruitment.dueOn', { date: next.dueOn })}</span>}
    </Flex>
  );
}

export function PeriodicCell({ items, t }: { items: Periodic[]; t: TFunction }) {
  if (items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2} align="flex-start">
      {items.map((p) => (
        <Tag key={p.kind} color={STATE_COLOR[p.state]} data-testid={`periodic-${p.kind}-${p.state}`}>
          {t(`recruitment.kind.${p.kind}`)} {p.dueOn} {p.state !== 'ok' ? t(`recruitment.state.${p.state}`) : ''}
        </Tag>
      ))}
    </Flex>
  );
}
