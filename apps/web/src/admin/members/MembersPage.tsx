import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Switch, Tooltip } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { membersApi } from '../../api/endpoints';
import type { MemberDto } from '../../api/member-types';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { useOrgTree } from '../orgs/org-tree';
import { MemberExportDialog } from './MemberExportDialog';
import { MemberFilters } from './MemberFilters';
import { MemberFormModal } from './MemberFormModal';
import { columnSort, memberColumns } from './member-columns';
import { useMemberListParams, useMembers } from './members-query';

const BRANCH_KINDS: ReadonlySet<string> = new Set(['branch', 'joint_branch', 'temp_branch']);

/**
 * 党员档案: search (name, pinyin, initials, ID number, phone), filters, server-side sort and paging,
 * the audited 显示敏感信息 switch, Excel export of the current filters, 新增 and 批量导入.
 */
export function MembersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const tree = useOrgTree();
  const { filters, page, pageSize, pageSizes, setFilters, setPage, setSort } = useMemberListParams();
  // Never kept in the address bar: an unmasked list is a deliberate, audited act each time.
  const [reveal, setReveal] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useMembers({ ...filters, reveal, page, pageSize });
  const canWrite = hasPermission(me, 'members:write');
  const canReveal = hasPermission(me, 'members:read-sensitive');

  const [exportOpen, setExportOpen] = useState(false);
  const exporting = useMutation({
    mutationFn: (full: boolean) => membersApi.exportXlsx({ ...filters, reveal: full }),
    onSuccess: ({ blob, fileName }) => {
      setExportOpen(false);
      saveBlob(blob, fileName ?? 'members.xlsx');
      message.success(t('members.exportStarted'));
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  // 新增 starts in the filtered org, else in the user's own branch when that is all they see.
  const roots = tree.data ?? [];
  const onlyBranch = roots.length === 1 && BRANCH_KINDS.has(roots[0].kind) ? roots[0].id : undefined;
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'sort' && k !== 'order' && v !== undefined);

  return (
    <Card
      title={t('members.title')}
      extra={
        <Flex gap={8} wrap justify="flex-end" align="center">
          {canReveal && (
            <Tooltip title={t('members.revealHint')}>
              <Flex gap={6} align="center">
                <Switch checked={reveal} onChange={setReveal} size="small" aria-label={t('members.reveal')} data-testid="member-reveal" />
                <span>{t('members.reveal')}</span>
              </Flex>
            </Tooltip>
          )}
          <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => setExportOpen(true)} data-testid="member-export">
            {t('members.export')}
          </Button>
          {canWrite && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/admin/members/import')} data-testid="member-import">
              {t('members.import')}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
              {t('members.create')}
            </Button>
          )}
        </Flex>
      }
    >
      <MemberExportDialog
        open={exportOpen}
        canReveal={canReveal}
        initialReveal={reveal}
        onCancel={() => setExportOpen(false)}
        onExport={(full) => exporting.mutate(full)}
        busy={exporting.isPending}
      />
      <MemberFilters value={filters} onSearch={setFilters} />
      <PagedTable<MemberDto>
        rowKey="id"
        size="middle"
        columns={memberColumns(t, filters)}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(m) => ({ 'data-testid': `member-row-${m.id}` }) as React.HTMLAttributes<HTMLElement>}
        onChange={(_, __, sorter, extra) => {
          if (extra.action !== 'sort') return;
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<MemberDto>;
          const next = columnSort(String(s.columnKey ?? ''), s.order ?? undefined);
          setSort(next.sort, next.order);
        }}
        locale={{
          emptyText: list.isError ? (
            <Empty description={errorText(list.error, t)} />
          ) : (
            <Empty description={<span data-testid="member-empty">{filtered ? t('members.empty') : t('members.emptyAll')}</span>}>
              {canWrite && !filtered && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('members.create')}
                </Button>
              )}
            </Empty>
          ),
        }}
        page={page}
        pageSize={pageSize}
        total={list.data?.total ?? 0}
        onPage={(p) => setPage(p.page, p.pageSize)}
        sizeChanger
        pageSizeOptions={pageSizes}
        showTotal
        data-testid="member-table"
      />
      <MemberFormModal
        open={creating}
        defaultOrgId={filters.orgId ?? onlyBranch}
        onClose={() => setCreating(false)}
        onSaved={(m) => navigate(`/admin/members/${m.id}`)}
      />
    </Card>
  );
}
