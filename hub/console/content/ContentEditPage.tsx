import type { z } from 'zod';
import {
  App,
  Button,
  Col,
  Input,
  Row,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/hub/api/accounts';
import {
  CONTENT_ITEM_KINDS,
  type ContentChange,
  type ContentItemFields,
  type ContentItemKind,
  type ContentItemsResponse,
} from '../../../common/hub/api/content-edits';
import { hrefOf, type ConsoleRoute } from '../app/routes';
import { useHubClient, useHubQuery } from '../data/queries';
import { PageMessage } from '../shared/PageMessage';
import { PageError } from '../shared/PageError';
import { describeError } from '../shared/format';
import { fieldLabel, problemsElsewhere, problemText, requestProblems, type ShownProblem } from './field-problems';
import { ItemFields } from './ItemFields';
import { addEntry, blankItem, fieldPaths, itemLabel, problemsAfterRemoving, removeEntry, setField } from './item-form';
import { KioskPreview } from './KioskPreview';
import './content.css';

type Listed = z.infer<typeof ContentItemsResponse>['items'][number];

/** What the editor has open: an item (or a new one), the change it is in if any, and the problems last found. */
interface Editing {
  kind: ContentItemKind;
  itemId: string | null;
  label: string;
  item: ContentItemFields;
  change: ContentChange | null;
  problems: ShownProblem[];
}

/**
 * 内容编辑: pick a kind, find an item by its title, open it (or a new one),
 * change any field, save it as a draft, send it for review, withdraw it.
 * The hub checks each save with the release builder's rules and names each
 * problem's field; the page shows it there. A change someone else wrote, or
 * one in review, is shown but not edited.
 */
export function ContentEditPage({
  user,
  kind,
  open,
}: {
  user: Me;
  kind: ContentItemKind;
  /** The item in the editor (itemId null: a new one); none: the list of the kind. */
  open?: { itemId: string | null };
}) {
  const { t } = useTranslation();
  const go = (route: ConsoleRoute): void => {
    window.location.hash = hrefOf(route);
  };
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubContent.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hubContent.lead')}</Typography.Paragraph>
      {open === undefined ? (
        <ItemList
          key={kind}
          kind={kind}
          onKind={(k) => go({ page: 'content-kind', kind: k })}
          onOpen={(itemId) => go({ page: 'content-item', kind, itemId })}
        />
      ) : open.itemId === null ? (
        <ItemEditor
          user={user}
          initial={{ kind, itemId: null, label: '', item: blankItem(kind), change: null, problems: [] }}
          onClose={() => go({ page: 'content-kind', kind })}
        />
      ) : (
        <OpenItem
          key={open.itemId}
          user={user}
          kind={kind}
          itemId={open.itemId}
          onClose={() => go({ page: 'content-kind', kind })}
        />
      )}
    </>
  );
}

const isOpen = (c: ContentChange): boolean => c.state === 'draft' || c.state === 'in-review';

/**
 * An item named in the address, with its open change if it has one: read
 * from the items as published and the open changes, so a new item not yet
 * published opens too (by its draft).
 */
function OpenItem({
  user,
  kind,
  itemId,
  onClose,
}: {
  user: Me;
  kind: ContentItemKind;
  itemId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const items = useHubQuery('contentItems', { kind });
  const changes = useHubQuery('contentChanges', {});
  if (items.error !== undefined) return <PageError error={items.error} retry={items.reload} />;
  if (changes.error !== undefined) return <PageError error={changes.error} retry={changes.reload} />;
  if (items.data === undefined || changes.data === undefined || items.loading || changes.loading) return <Spin />;
  const listed = items.data.items.find((i) => i.itemId === itemId);
  const change = changes.data.changes.find((c) => c.kind === kind && c.itemId === itemId && isOpen(c)) ?? null;
  if (listed === undefined && change === null)
    return <PageMessage status="404" title={t('hubConsole.common.notFound')} />;
  const item = change?.item ?? listed?.item ?? change?.current ?? blankItem(kind);
  return (
    <ItemEditor
      user={user}
      initial={{
        kind,
        itemId,
        label: listed?.label ?? itemLabel(item),
        item,
        change,
        problems: change?.problems ?? [],
      }}
      onClose={onClose}
    />
  );
}

function ItemList({
  kind,
  onKind,
  onOpen,
}: {
  kind: ContentItemKind;
  onKind: (kind: ContentItemKind) => void;
  /** itemId null: a new item. */
  onOpen: (itemId: string | null) => void;
}) {
  const { t } = useTranslation();
  const items = useHubQuery('contentItems', { kind });
  const [search, setSearch] = useState('');
  const shown = useMemo(
    () => (items.data?.items ?? []).filter((i) => i.label.toLowerCase().includes(search.trim().toLowerCase())),
    [items.data, search],
  );

  const columns: TableColumnsType<Listed> = [
    {
      key: 'label',
      title: t('hubContent.columns.label'),
      render: (_v, i) => (
        <span lang="zh-CN" data-testid={`item-label-${i.itemId}`}>
          {i.label}
        </span>
      ),
    },
    { key: 'id', title: t('hubContent.columns.id'), render: (_v, i) => <code>{i.itemId}</code> },
    {
      key: 'state',
      title: t('hubContent.columns.state'),
      render: (_v, i) => (i.openChangeId === null ? null : <Tag color="gold">{t('hubContent.openChange')}</Tag>),
    },
    {
      key: 'actions',
      title: t('hubContent.columns.actions'),
      render: (_v, i) => (
        <Button onClick={() => onOpen(i.itemId)} data-testid={`edit-${i.itemId}`}>
          {t('hubContent.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Space wrap className="content-toolbar">
        <Segmented<ContentItemKind>
          aria-label={t('hubContent.kindLabel')}
          value={kind}
          onChange={onKind}
          options={CONTENT_ITEM_KINDS.map((k) => ({
            value: k,
            label: <span data-testid={`kind-${k}`}>{t(`hubContent.kinds.${k}`)}</span>,
          }))}
        />
        <Input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('hubContent.search')}
          aria-label={t('hubContent.search')}
          data-testid="content-search"
        />
        <Button type="primary" onClick={() => onOpen(null)} data-testid="content-new">
          {t('hubContent.newItem')}
        </Button>
      </Space>
      {items.error !== undefined && <PageError error={items.error} retry={items.reload} />}
      {items.data !== undefined && shown.length === 0 ? (
        <Typography.Text className="console-muted" data-testid="content-empty">
          {search.trim() === '' ? t('hubContent.empty') : t('hubContent.noMatch', { text: search.trim() })}
        </Typography.Text>
      ) : (
        <Table<Listed>
          rowKey="itemId"
          columns={columns}
          dataSource={shown}
          loading={items.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          size="small"
          data-testid="content-items"
        />
      )}
    </>
  );
}

function ItemEditor({ user, initial, onClose }: { user: Me; initial: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const [editing, onChange] = useState(initial);
  const { message, modal } = App.useApp();
  const client = useHubClient();
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const { change } = editing;
  const mine = change === null || change.author.id === user.id;
  // Only one's own draft (or a new one) is edited; one in review is withdrawn first, another's is read.
  const editable = mine && (change === null || change.state === 'draft');
  const local = requestProblems(editing.item);
  const problems: ShownProblem[] = [
    ...editing.problems,
    ...local.filter((l) => !editing.problems.some((p) => p.field === l.field)),
  ];
  const elsewhere = problemsElsewhere(problems, fieldPaths(editing.item));
  const deletes = change !== null && change.item === null;

  const update = (item: ContentItemFields, keep = editing.problems): void =>
    onChange((e) => ({ ...e, item, problems: keep }));
  /**
   * The change as the hub answered: its state, id and problems. The fields
   * stay as the author has them — the answer echoes what was sent, and
   * anything typed while it was on its way is kept.
   */
  const after = (next: ContentChange): void => {
    // A new item has its id once saved: the address names it from then on, so a reload opens it again.
    if (editing.itemId === null)
      window.history.replaceState(null, '', hrefOf({ page: 'content-item', kind: editing.kind, itemId: next.itemId }));
    onChange((e) => ({
      ...e,
      itemId: next.itemId,
      // A new item is titled by what it was saved with.
      label: e.label === '' && next.item !== null ? itemLabel(next.item) : e.label,
      change: next,
      problems: next.problems,
    }));
  };

  const act = async (run: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await run();
    } catch (error) {
      void message.error(describeError(t, error));
      // A refused send names its problems on the change: read it again to show them at their fields.
      if (change !== null)
        await client.call('contentChange', { changeId: change.changeId }).then(
          (r) => after(r.change),
          () => undefined,
        );
    } finally {
      setBusy(false);
    }
  };

  const save = (edit: { action: 'save'; item: ContentItemFields } | { action: 'delete'; kind: ContentItemKind }) =>
    act(async () => {
      const { change: saved } = await client.call('contentDraftSave', {
        changeId: change?.changeId ?? null,
        itemId: editing.itemId,
        edit,
      });
      after(saved);
      void message.success(
        saved.problems.length === 0
          ? t('hubContent.editor.saved')
          : t('hubContent.editor.savedWithProblems', { count: saved.problems.length }),
      );
    });
  const submit = () =>
    act(async () => {
      after((await client.call('contentSubmit', { changeId: change!.changeId })).change);
      void message.success(t('hubContent.editor.submitted'));
    });
  const withdraw = () =>
    act(async () => {
      await client.call('contentWithdraw', { changeId: change!.changeId });
      void message.success(t('hubContent.editor.withdrawn'));
      onClose();
    });
  const confirmDelete = (): void => {
    void modal.confirm({
      title: t('hubContent.editor.deleteTitle', { label: editing.label }),
      content: t('hubContent.editor.deleteEffect'),
      okText: t('hubContent.editor.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('hubConsole.common.cancel'),
      onOk: () => save({ action: 'delete', kind: editing.kind }),
    });
  };

  const kindName = t(`hubContent.kinds.${editing.kind}`);
  return (
    <div data-testid="content-editor">
      <Space wrap className="content-toolbar">
        <Button onClick={onClose} data-testid="editor-back">
          {t('hubContent.editor.back')}
        </Button>
        <Typography.Title level={2} className="content-editor__title">
          {editing.itemId === null
            ? t('hubContent.editor.newTitle', { kind: kindName })
            : t('hubContent.editor.editTitle', { kind: kindName, label: editing.label })}
        </Typography.Title>
      </Space>
      <Space wrap className="content-toolbar">
        <Typography.Text>
          {t('hubContent.editor.itemId')}: <code>{editing.itemId ?? t('hubContent.editor.itemIdNew')}</code>
        </Typography.Text>
        {change !== null && (
          <Tag data-testid="change-state">
            {t('hubContent.editor.state', { state: t(`hubContent.states.${change.state}`) })}
          </Tag>
        )}
      </Space>
      {change?.reviewNote && (
        <Typography.Paragraph data-testid="review-note">
          {t('hubContent.editor.reviewNote', { note: change.reviewNote })}
        </Typography.Paragraph>
      )}
      {change?.failure && (
        <Typography.Paragraph type="danger">
          {t('hubContent.editor.failure', { failure: change.failure })}
        </Typography.Paragraph>
      )}
      {elsewhere.length > 0 && (
        <ul className="content-problems" data-testid="problems-elsewhere">
          {elsewhere.map((p, i) => (
            <li key={i}>
              {fieldLabel(t, editing.kind, p.field)}: {problemText(t, p)}
            </li>
          ))}
        </ul>
      )}
      <Row gutter={32}>
        <Col flex="1 1 520px">
          {deletes ? (
            <Typography.Paragraph>{t('hubContent.editor.deletes')}</Typography.Paragraph>
          ) : (
            <ItemFields
              editing={{
                item: editing.item,
                problems,
                readOnly: !editable,
                set: (path, value) =>
                  update(
                    setField(editing.item, path, value),
                    editing.problems.filter((p) => p.field !== path),
                  ),
                add: (path, entry) => update(addEntry(editing.item, path, entry)),
                remove: (path, index) =>
                  update(removeEntry(editing.item, path, index), problemsAfterRemoving(editing.problems, path, index)),
              }}
            />
          )}
          <Space wrap className="content-actions">
            {editable && !deletes && (
              <Button
                type="primary"
                loading={busy}
                disabled={local.length > 0}
                onClick={() => void save({ action: 'save', item: editing.item })}
                data-testid="draft-save"
              >
                {t('hubContent.editor.save')}
              </Button>
            )}
            {editable && change !== null && (
              <Button
                loading={busy}
                disabled={change.problems.length > 0}
                onClick={() => void submit()}
                data-testid="draft-submit"
              >
                {t('hubContent.editor.submit')}
              </Button>
            )}
            {mine && change !== null && (change.state === 'draft' || change.state === 'in-review') && (
              <Button loading={busy} onClick={() => void withdraw()} data-testid="change-withdraw">
                {t('hubContent.editor.withdraw')}
              </Button>
            )}
            {editable && change === null && editing.itemId !== null && (
              <Button danger onClick={confirmDelete} data-testid="item-delete">
                {t('hubContent.editor.delete')}
              </Button>
            )}
            {problems.length > 0 && (
              // Why 送审 is greyed out, where the buttons are: each problem itself is beside its field.
              <Typography.Text type="danger" data-testid="problem-count">
                {t('hubContent.problemsTitle', { count: problems.length })}
              </Typography.Text>
            )}
            {editing.item.kind === 'faq' && !previewing && (
              <Button onClick={() => setPreviewing(true)} data-testid="preview-open">
                {t('hubContent.editor.preview')}
              </Button>
            )}
          </Space>
        </Col>
        {previewing && editing.item.kind === 'faq' && (
          <Col flex="0 0 auto" className="content-editor__preview">
            <KioskPreview item={editing.item} />
          </Col>
        )}
      </Row>
    </div>
  );
}
