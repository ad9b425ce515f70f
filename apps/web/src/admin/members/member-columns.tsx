import { Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { MemberDto, MemberFilters, MemberSort } from '../../api/member-types';
import { categoryText, educationText, labelText, sexText, statusText } from '../../lib/member-text';

export const CATEGORY_COLOR: Record<string, string> = { full: 'red', probationary: 'orange' };
export const STATUS_COLOR: Record<string, string> = { normal: 'green', suspended: 'gold', left: 'default', deceased: 'default' };

/** Table column key ↔ the server's sort field. Age sorts by birth date, the other way round. */
export function columnSort(columnKey: string, order: SortOrder | undefined): { sort?: MemberSort; order?: 'asc' | 'desc' } {
  if (!order) return {};
  const asc = order === 'ascend';
  if (columnKey === 'age') return { sort: 'birthDate', order: asc ? 'desc' : 'asc' };
  if (columnKey === 'name' || columnKey === 'admittedOn') return { sort: columnKey, order: asc ? 'asc' : 'desc' };
  return {};
}

function sortOrderOf(columnKey: string, f: MemberFilters): SortOrder | null {
  const asc = (f.order ?? 'asc') === 'asc';
  if (columnKey === 'age' && f.sort === 'birthDate') return asc ? 'descend' : 'ascend';
  if (f.sort === columnKey) return asc ? 'ascend' : 'descend';
  return null;
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** 党员档案 columns in the brief's order; sensitive ones show what the server sent (masked unless revealed). */
export function memberColumns(t: TFunction, f: MemberFilters): ColumnsType<MemberDto> {
  const sortable = (key: string) => ({
    sorter: true,
    sortOrder: sortOrderOf(key, f),
    sortDirections: ['ascend', 'descend'] as SortOrder[],
  });
  const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' as const };
  return [
    {
      key: 'name',
      title: t('members.fields.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 100,
      ...sortable('name'),
      render: (v: string, m) => (
        <Link to={`/admin/members/${m.id}`} data-testid={`member-link-${m.id}`}>
          {v}
        </Link>
      ),
    },
    { key: 'sex', title: t('members.fields.sex'), dataIndex: 'sex', width: 60, render: (v: string) => sexText(t, v) },
    { key: 'age', title: t('members.fields.age'), dataIndex: 'age', width: 80, ...sortable('age') },
    { key: 'ethnicity', title: t('members.fields.ethnicity'), dataIndex: 'ethnicity', width: 80 },
    {
      key: 'education',
      title: t('members.fields.education'),
      dataIndex: 'education',
      width: 100,
      render: (v: string | null) => dash(educationText(t, v)),
    },
    { key: 'orgName', title: t('members.orgColumn'), dataIndex: 'orgName', ellipsis: true, width: 180 },
    {
      key: 'category',
      title: t('members.fields.category'),
      dataIndex: 'category',
      width: 100,
      render: (v: string) => <Tag color={CATEGORY_COLOR[v]}>{categoryText(t, v)}</Tag>,
    },
    {
      key: 'status',
      title: t('members.statusColumn'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => <Tag color={STATUS_COLOR[v]}>{statusText(t, v)}</Tag>,
    },
    {
      key: 'admittedOn',
      title: t('members.fields.admittedOn'),
      dataIndex: 'admittedOn',
      width: 120,
      ...sortable('admittedOn'),
      render: dash,
    },
    {
      key: 'partyAge',
      title: t('members.fields.partyAge'),
      dataIndex: 'partyAge',
      width: 70,
      render: (v: number | null) => (v === null ? '—' : v),
    },
    {
      key: 'idNumber',
      title: t('members.fields.idNumber'),
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string | null) => <Typography.Text style={mono}>{dash(v)}</Typography.Text>,
    },
    {
      key: 'phone',
      title: t('members.fields.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (v: string | null) => <Typography.Text style={mono}>{dash(v)}</Typography.Text>,
    },
    {
      key: 'labels',
      title: t('members.fields.labels'),
      dataIndex: 'labels',
      render: (v: string[]) =>
        v.length ? (
          <Flex gap={4} wrap>
            {v.map((l) => (
              <Tag key={l} variant="outlined">
                {labelText(t, l)}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
}
