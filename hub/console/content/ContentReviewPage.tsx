import type { z } from 'zod';
import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/hub/api/accounts';
import type { ContentChange, ReleaseUploadsResponse } from '../../../common/hub/api/content-edits';
import { useHubClient, useHubQuery, type Query } from '../data/queries';
import { PageError } from '../shared/PageError';
import { describeError, formatTime } from '../shared/format';
import { fieldLabel, problemText } from './field-problems';
import { compareFields, itemLabel } from './item-form';
import { valueText } from './value-text';
import './content.css';

/**
 * An approval builds and signs a whole release before the hub answers
 * (about ten seconds on a quiet machine, far more on a busy one): the
 * request waits that long rather than the console's usual fifteen seconds.
 */
const PUBLISH_TIMEOUT_MS = 5 * 60_000;

type Upload = z.infer<typeof ReleaseUploadsResponse>['uploads'][number];

/**
 * 内容审核: the changes waiting for review, each with the item as it is now
 * beside the item as the change leaves it (changed fields marked in words,
 * not colour alone), approved or rejected with a note by an administrator
 * other than the author — the author sees why they cannot approve their
 * own; and the releases uploaded with hubctl, reviewed the same way.
 */
export function ContentReviewPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const changes = useHubQuery('contentChanges', { state: 'in-review' });
  const history = useHubQuery('contentChanges', {});
  const uploads = useHubQuery('releaseUploads');
  const decided = (): void => {
    changes.reload();
    history.reload();
  };
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubContent.review.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hubContent.review.lead')}</Typography.Paragraph>
      <Typography.Title level={2}>{t('hubContent.review.changesTitle')}</Typography.Title>
      {changes.error !== undefined && <PageError error={changes.error} retry={changes.reload} />}
      {changes.data?.changes.length === 0 && (
        <Typography.Paragraph className="console-muted" data-testid="no-changes">
          {t('hubContent.review.noChanges')}
        </Typography.Paragraph>
      )}
      {changes.data?.changes.map((change) => (
        <ChangeReview key={change.changeId} user={user} change={change} onDone={decided} />
      ))}
      <Typography.Title level={2}>{t('hubContent.review.historyTitle')}</Typography.Title>
      <Typography.Paragraph>{t('hubContent.review.historyLead')}</Typography.Paragraph>
      <ChangeHistory changes={history} />
      <Typography.Title level={2}>{t('hubContent.review.uploadsTitle')}</Typography.Title>
      {uploads.error !== undefined && <PageError error={uploads.error} retry={uploads.reload} />}
      <UploadsTable user={user} uploads={uploads.data?.uploads} loading={uploads.loading} onDone={uploads.reload} />
    </>
  );
}

function ChangeReview({ user, change, onDone }: { user: Me; change: ContentChange; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useHubClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const own = change.author.id === user.id;
  const shown = change.item ?? change.current;
  const label = shown === null ? change.itemId : itemLabel(shown);
  const rows = compareFields(change.kind, change.current, change.item);
  const noteId = `review-note-${change.changeId}`;

  const decide = async (decision: 'approve' | 'reject'): Promise<void> => {
    setBusy(true);
    try {
      const { change: decided } = await client.call(
        'contentReview',
        // The change as this page shows it: one changed since (saved again, sent again) is refused, not approved unseen.
        {
          changeId: change.changeId,
          updatedAt: change.updatedAt,
          decision,
          note: note.trim() === '' ? null : note.trim(),
        },
        { timeoutMs: PUBLISH_TIMEOUT_MS },
      );
      if (decision === 'reject') void message.success(t('hubContent.review.rejected'));
      else if (decided.releaseNumber !== null)
        void message.success(t('hubContent.review.approved', { release: decided.releaseNumber }));
      else void message.success(t('hubContent.review.approvedNoRelease'));
      onDone();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      className="content-review"
      data-testid={`change-review-${change.changeId}`}
      title={
        <span lang="zh-CN">
          {t('hubContent.review.change', {
            kind: t(`hubContent.kinds.${change.kind}`),
            label,
            author: change.author.name,
          })}
        </span>
      }
      extra={
        <Space>
          {change.current === null && <Tag>{t('hubContent.review.newItem')}</Tag>}
          {change.item === null && <Tag color="red">{t('hubContent.review.deleted')}</Tag>}
          <Typography.Text className="console-muted">{formatTime(change.updatedAt, i18n.language, '')}</Typography.Text>
        </Space>
      }
    >
      <table className="content-compare" data-testid={`compare-${change.changeId}`}>
        <thead>
          <tr>
            <th scope="col">{t('hubContent.review.field')}</th>
            <th scope="col">{t('hubContent.review.current')}</th>
            <th scope="col">{t('hubContent.review.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.field}
              className={row.changed ? 'content-compare--changed' : undefined}
              data-testid={`compare-${change.changeId}-${row.field}`}
              data-changed={row.changed}
            >
              <th scope="row">
                {fieldLabel(t, change.kind, row.field)}
                {row.changed && (
                  <>
                    {' '}
                    <Tag>{t('hubContent.review.changed')}</Tag>
                  </>
                )}
              </th>
              <td lang="zh-CN">{change.current === null ? t('hubContent.editor.none') : valueText(t, row.current)}</td>
              <td lang="zh-CN">{change.item === null ? t('hubContent.review.deleted') : valueText(t, row.proposed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {change.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('hubContent.review.hasProblems')}
          description={
            <ul>
              {change.problems.map((p, i) => (
                <li key={i}>
                  {fieldLabel(t, change.kind, p.field)}: {problemText(t, p)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {own && <Alert type="info" showIcon title={t('hubContent.review.ownChange')} data-testid="own-change" />}
      <div className="content-actions">
        <label htmlFor={noteId}>{t('hubContent.review.note')}</label>
        <Input.TextArea
          id={noteId}
          data-testid={`review-note-${change.changeId}`}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
        />
      </div>
      <Space>
        <Button
          type="primary"
          loading={busy}
          disabled={own || change.problems.length > 0}
          onClick={() => void decide('approve')}
          data-testid={`approve-${change.changeId}`}
        >
          {t('hubContent.review.approve')}
        </Button>
        <Button
          danger
          loading={busy}
          disabled={own}
          onClick={() => void decide('reject')}
          data-testid={`reject-${change.changeId}`}
        >
          {t('hubContent.review.reject')}
        </Button>
      </Space>
    </Card>
  );
}

/** The changes open and lately closed, with where each stands and its reviewer's note. */
function ChangeHistory({ changes }: { changes: Query<{ changes: ContentChange[] }> }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ContentChange> = [
    {
      key: 'item',
      title: t('hubContent.review.historyColumns.item'),
      render: (_v, c) => {
        const shown = c.item ?? c.current;
        return (
          <span lang="zh-CN">
            {t(`hubContent.kinds.${c.kind}`)} · {shown === null ? c.itemId : itemLabel(shown)}
          </span>
        );
      },
    },
    { key: 'author', title: t('hubContent.review.historyColumns.author'), render: (_v, c) => c.author.name },
    {
      key: 'state',
      title: t('hubContent.review.historyColumns.state'),
      render: (_v, c) => <Tag data-testid={`history-state-${c.changeId}`}>{t(`hubContent.states.${c.state}`)}</Tag>,
    },
    {
      key: 'reviewer',
      title: t('hubContent.review.historyColumns.reviewer'),
      render: (_v, c) => c.reviewer?.name ?? '',
    },
    {
      key: 'note',
      title: t('hubContent.review.historyColumns.note'),
      render: (_v, c) => <span data-testid={`history-note-${c.changeId}`}>{c.reviewNote ?? c.failure ?? ''}</span>,
    },
    {
      key: 'release',
      title: t('hubContent.review.historyColumns.release'),
      render: (_v, c) => c.releaseNumber ?? '',
    },
  ];
  return (
    <>
      {changes.error !== undefined && <PageError error={changes.error} retry={changes.reload} />}
      <Table<ContentChange>
        rowKey="changeId"
        columns={columns}
        dataSource={changes.data?.changes ?? []}
        loading={changes.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        size="small"
        data-testid="change-history"
      />
    </>
  );
}

function UploadsTable({
  user,
  uploads,
  loading,
  onDone,
}: {
  user: Me;
  uploads: readonly Upload[] | undefined;
  loading: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useHubClient();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const decide = async (upload: Upload, decision: 'approve' | 'reject'): Promise<void> => {
    const note = notes[upload.uploadId]?.trim() ?? '';
    try {
      await client.call(
        'releaseUploadReview',
        { uploadId: upload.uploadId, decision, note: note === '' ? null : note },
        { timeoutMs: PUBLISH_TIMEOUT_MS },
      );
      void message.success(
        t(decision === 'approve' ? 'hubContent.review.uploadApproved' : 'hubContent.review.uploadRejected', {
          version: upload.version,
        }),
      );
    } catch (error) {
      void message.error(describeError(t, error));
    }
    onDone();
  };
  const columns: TableColumnsType<Upload> = [
    { key: 'version', title: t('hubContent.review.uploadColumns.version'), render: (_v, u) => u.version },
    { key: 'by', title: t('hubContent.review.uploadColumns.uploadedBy'), render: (_v, u) => u.uploadedBy },
    {
      key: 'at',
      title: t('hubContent.review.uploadColumns.uploadedAt'),
      render: (_v, u) => formatTime(u.uploadedAt, i18n.language, ''),
    },
    {
      key: 'size',
      title: t('hubContent.review.uploadColumns.size'),
      render: (_v, u) => `${(u.length / 1024 / 1024).toFixed(1)} MB`,
    },
    {
      key: 'state',
      title: t('hubContent.review.uploadColumns.state'),
      render: (_v, u) => (
        <Tag>
          {t(`hubContent.review.uploadStates.${u.state}`)}
          {u.releaseNumber === null ? '' : ` · ${u.releaseNumber}`}
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: t('hubContent.review.uploadColumns.actions'),
      render: (_v, u) => {
        if (u.state !== 'in-review') return null;
        const own = u.uploadedBy === user.login;
        return own ? (
          <Typography.Text className="console-muted">{t('hubContent.review.ownChange')}</Typography.Text>
        ) : (
          <Space wrap>
            <Input
              aria-label={`${t('hubContent.review.uploadNote')} ${u.version}`}
              placeholder={t('hubContent.review.uploadNote')}
              value={notes[u.uploadId] ?? ''}
              maxLength={500}
              onChange={(e) => setNotes((n) => ({ ...n, [u.uploadId]: e.target.value }))}
            />
            <Button
              type="primary"
              onClick={() => void decide(u, 'approve')}
              data-testid={`upload-approve-${u.uploadId}`}
            >
              {t('hubContent.review.approve')}
            </Button>
            <Button danger onClick={() => void decide(u, 'reject')} data-testid={`upload-reject-${u.uploadId}`}>
              {t('hubContent.review.reject')}
            </Button>
          </Space>
        );
      },
    },
  ];
  if (uploads !== undefined && uploads.length === 0)
    return <Typography.Paragraph className="console-muted">{t('hubContent.review.noUploads')}</Typography.Paragraph>;
  return (
    <Table<Upload>
      rowKey="uploadId"
      columns={columns}
      dataSource={uploads ?? []}
      loading={loading}
      pagination={false}
      size="small"
      data-testid="release-uploads"
    />
  );
}
