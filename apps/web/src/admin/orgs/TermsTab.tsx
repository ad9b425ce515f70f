import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrgDto, type TermDto, type TermPostDto, termsApi } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { refreshOrgs, useTerms } from './org-query';
import { postText } from './org-text';
import { TermFormModal, TermPostModal } from './TermFormModal';

const STATUS_COLOR: Record<string, string> = { ok: 'green', 'due-soon': 'orange', overdue: 'red', ended: 'default' };

/** 任期正常 (green), 还有 N 天届满 (orange, inside the 6-month reminder window), 已超期 N 天 (red). */
export function TermStatusTag({ term }: { term: TermDto }) {
  const { t } = useTranslation();
  const days = term.daysLeft ?? 0;
  const text =
    term.status === 'overdue'
      ? t('orgTerms.status.overdue', { count: -days })
      : term.status === 'due-soon'
        ? t('orgTerms.status.dueSoon', { count: days })
        : term.status === 'ended'
          ? t('orgTerms.status.ended')
          : t('orgTerms.status.ok', { count: days });
  return (
    <Tag color={STATUS_COLOR[term.status]} data-testid="term-status" data-status={term.status}>
      {text}
    </Tag>
  );
}

function PostsTable({ term, onEnd, ending }: { term: TermDto; onEnd?: (p: TermPostDto) => void; ending?: number }) {
  const { t } = useTranslation();
  return (
    <Table<TermPostDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={term.posts}
      scroll={{ x: 'max-content' }}
      onRow={(p) => ({ 'data-testid': `term-post-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'post', title: t('orgTerms.post'), render: (_, p) => postText(t, p.post, p.postName) },
        { key: 'member', title: t('orgTerms.member'), dataIndex: 'memberName' },
        { key: 'startedOn', title: t('orgTerms.since'), dataIndex: 'startedOn' },
        {
          key: 'endedOn',
          title: t('orgTerms.until'),
          render: (_, p) =>
            p.endedOn ? <Typography.Text type="secondary">{p.endedOn}</Typography.Text> : <Tag color="green">{t('orgTerms.serving')}</Tag>,
        },
        ...(onEnd
          ? [
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_: unknown, p: TermPostDto) =>
                  p.endedOn ? null : (
                    <Popconfirm
                      title={t('orgTerms.endPostConfirm', { name: p.memberName, post: postText(t, p.post, p.postName) })}
                      okText={t('orgTerms.endPost')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' } as ButtonProps}
                      onConfirm={() => onEnd(p)}
                    >
                      <Button size="small" danger loading={ending === p.id} data-testid={`term-end-post-${p.id}`}>
                        {t('orgTerms.endPost')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** 班子成员: the current term with its status and posts, 换届 and 增补, and past terms folded away. */
export function TermsTab({ org, canWrite }: { org: OrgDto; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const terms = useTerms(org.id);
  const [open, setOpen] = useState<'start' | 'add' | null>(null);
  const endPost = useMutation({
    mutationFn: (p: TermPostDto) => termsApi.endPost(org.id, p.id),
    onSuccess: async () => {
      message.success(t('orgTerms.postEnded'));
      await refreshOrgs(qc);
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  // 党小组设组长，不设任期制的委员会.
  if (org.kind === 'group') return <Alert type="info" showIcon title={t('orgTerms.groupNoTerm')} />;
  if (terms.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorText(terms.error, t)} />;
  if (!terms.data) return <Skeleton active />;

  const { current, past, defaultYears, source } = terms.data;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary" data-testid="term-rule">
        {defaultYears ? t('orgTerms.rule', { years: defaultYears }) : null}
        {t('orgTerms.source', { source })}
      </Typography.Text>
      {canWrite && (
        <Flex gap={8} wrap>
          <Button type="primary" icon={<SwapOutlined />} onClick={() => setOpen('start')} data-testid="term-start">
            {current ? t('orgTerms.startNext') : t('orgTerms.startFirst')}
          </Button>
          {current && (
            <Button icon={<PlusOutlined />} onClick={() => setOpen('add')} data-testid="term-add-post">
              {t('orgTerms.addPost')}
            </Button>
          )}
        </Flex>
      )}
      {current ? (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xxl: 3 }}
            items={[
              { key: 'status', label: t('orgTerms.statusLabel'), children: <TermStatusTag term={current} /> },
              {
                key: 'span',
                label: t('orgTerms.span'),
                children: t('orgTerms.spanText', { from: current.startedOn, to: current.endsOn, years: current.years }),
              },
              {
                key: 'how',
                label: t('orgTerms.electedHow'),
                children: t(current.electedHow === 'appointment' ? 'orgTerms.appointment' : 'orgTerms.election'),
              },
              { key: 'docNo', label: t('orgDetail.fields.docNo'), children: current.docNo || '—' },
            ]}
            data-testid="term-current"
          />
          <PostsTable
            term={current}
            onEnd={canWrite ? (p) => endPost.mutate(p) : undefined}
            ending={endPost.isPending ? endPost.variables?.id : undefined}
          />
        </>
      ) : (
        <Empty description={t('orgTerms.none')} data-testid="term-none" />
      )}
      {past.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('orgTerms.past')}</Typography.Title>
          <Collapse
            data-testid="term-past"
            items={past.map((term) => ({
              key: term.id,
              label: t('orgTerms.pastLabel', { from: term.startedOn, to: term.endedOn ?? term.endsOn, count: term.posts.length }),
              children: <PostsTable term={term} />,
            }))}
          />
        </div>
      )}
      {open === 'start' && <TermFormModal org={org} terms={terms.data} onClose={() => setOpen(null)} />}
      {open === 'add' && <TermPostModal org={org} onClose={() => setOpen(null)} />}
    </Flex>
  );
}
