import { Card, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';

/** A page ten rows at a time, without the size chooser (a desk console lists what matters first). */
const PAGED = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

/**
 * A section of the fleet's pages that is one list: its heading, the list as
 * a table, or a sentence saying there is nothing to list (rather than an
 * empty table, which reads as still loading).
 */
export function TableCard<T extends object>({
  title,
  testId,
  empty,
  rows,
  columns,
  rowKey,
  paged = false,
  loading = false,
  extra,
  children,
}: {
  title: string;
  testId: string;
  empty: string;
  rows: readonly T[] | undefined;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  paged?: boolean;
  loading?: boolean;
  extra?: ReactNode;
  /** Shown above the list (a problem reading it). */
  children?: ReactNode;
}) {
  return (
    <Card
      className="console-gap"
      title={<h2 className="console-section-title">{title}</h2>}
      extra={extra}
      data-testid={testId}
    >
      {children}
      {rows !== undefined && rows.length === 0 ? (
        <Typography.Text className="console-muted">{empty}</Typography.Text>
      ) : (
        <Table<T>
          rowKey={rowKey}
          columns={columns}
          dataSource={rows === undefined ? [] : [...rows]}
          pagination={paged ? PAGED : false}
          loading={loading}
          size="small"
        />
      )}
    </Card>
  );
}
