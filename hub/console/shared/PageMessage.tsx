import { Result, type ResultProps } from 'antd';
import type { ReactNode } from 'react';

/** A page that is only a message (nothing here for the role, no such page): the message is the page's heading. */
export function PageMessage({
  status,
  title,
  extra,
}: {
  status: ResultProps['status'];
  title: string;
  extra?: ReactNode;
}) {
  return <Result status={status} title={<h1 className="console-page-title">{title}</h1>} extra={extra} />;
}
