import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Which page of a server-paged list is shown, and how many rows a page has. */
export interface Paging {
  page: number;
  pageSize: number;
}

export type PagedTableProps<T> = Omit<TableProps<T>, 'pagination'> & {
  /** The page shown (from 1) and the rows per page, as sent to the server. */
  page: number;
  pageSize: number;
  /** All rows on the server (the list's `total`). */
  total: number | undefined;
  /** The user moved to another page or chose another size; a new size starts again at page 1. */
  onPage: (next: Paging) => void;
  /** Offer the page-size picker (antd's default: when there are more than 50 rows). */
  sizeChanger?: boolean;
  pageSizeOptions?: number[];
  hideOnSinglePage?: boolean;
  /** The count beside the pager: `true` for 共 N 条, or a text of its own. */
  showTotal?: true | ((total: number) => ReactNode);
};

/**
 * The console's table of a server-paged list: the page, size and count wired to antd's pager in one
 * place (every list used to repeat the pager and its change handler).
 */
export function PagedTable<T extends object>({
  page,
  pageSize,
  total,
  onPage,
  sizeChanger,
  pageSizeOptions,
  hideOnSinglePage,
  showTotal,
  ...table
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  return (
    <Table<T>
      {...table}
      pagination={{
        current: page,
        pageSize,
        total: total ?? 0,
        showSizeChanger: sizeChanger,
        pageSizeOptions,
        hideOnSinglePage,
        showTotal: showTotal === true ? (n) => t('common.total', { count: n }) : showTotal,
        onChange: (p, s) => onPage({ page: s === pageSize ? p : 1, pageSize: s }),
      }}
    />
  );
}
