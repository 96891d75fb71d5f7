import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPLAY_NAME_MAX, REGION_CODE_PATTERN, USER_ROLES, type UserRole } from '../../../common/hub/accounts';
import type { Me } from '../../../common/hub/api/accounts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_KINDS, PASSWORD_MIN_LENGTH } from '../../../common/hub/password-policy';
import { mayManage } from '../../../common/hub/rights';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubClient, useUsers } from '../data/queries';
import { PageError } from '../shared/PageError';
import { describeError, formatTime } from '../shared/format';
import { ShownOnce } from '../shared/ShownOnce';
import { LawyerQueuesModal } from '../call-admin/LawyerQueuesModal';
import { generatePassword } from './generate-password';

type Listing = NonNullable<ReturnType<typeof useUsers>['data']>[number];

interface NewAccount {
  login: string;
  displayName?: string;
  role: UserRole;
  regionCode?: string;
}

/** Values the catalogue's problem texts name. */
const PROBLEM_VALUES = {
  min: PASSWORD_MIN_LENGTH,
  max: PASSWORD_MAX_LENGTH,
  kinds: PASSWORD_MIN_KINDS,
};

/**
 * The accounts the caller may see: add one (its first password made here
 * and shown once), disable one, give one a new password (shown once), or
 * forget its second factor (a lost phone: it is set up again at the next sign-in);
 * a lawyer's queues (the regions and topics they are rung for) are set here too.
 * Only rows the caller may manage have actions; the hub decides anyway.
 */
export function UsersPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { modal, message } = App.useApp();
  const client = useHubClient();
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const [queuesOf, setQueuesOf] = useState<Listing | null>(null);
  const [form] = Form.useForm<NewAccount>();
  const role = Form.useWatch('role', form);

  // A regional administrator never makes an administrator; the region's limits are the hub's to say.
  const roles = USER_ROLES.filter((r) => user.role === 'administrator' || r !== 'administrator');

  const add = async (v: NewAccount): Promise<void> => {
    const login = v.login.trim();
    const password = generatePassword(login);
    setBusy(true);
    setRefusal([]);
    try {
      const answer = await client.call('userCreate', {
        login,
        role: v.role,
        regionCode: v.role === 'administrator' ? null : (v.regionCode?.trim() ?? null),
        displayName: v.displayName?.trim() || null,
        password,
      });
      if (answer.outcome === 'refused') {
        setRefusal([
          ...answer.accountProblems.map((p) => t(`hubAccounts.accountProblems.${p}`, { max: DISPLAY_NAME_MAX })),
          ...answer.passwordProblems.map((p) => t(`hubAccounts.passwordProblems.${p}`, PROBLEM_VALUES)),
        ]);
        return;
      }
      setAdding(false);
      form.resetFields();
      void message.success(t('hubConsole.users.created', { login: answer.user.login }));
      setShown({ login: answer.user.login, password });
      users.reload();
    } catch (error) {
      setRefusal([describeError(t, error)]);
    } finally {
      setBusy(false);
    }
  };

  const disable = (row: Listing): void => {
    void modal.confirm({
      title: t('hubConsole.users.disableTitle', { login: row.login }),
      content: t('hubConsole.users.disableEffect'),
      okText: t('hubConsole.users.disable'),
      okButtonProps: { danger: true },
      cancelText: t('hubConsole.common.cancel'),
      onOk: async () => {
        try {
          await client.call('userDisable', { login: row.login });
          void message.success(t('hubConsole.users.disabled', { login: row.login }));
        } catch (error) {
          void message.error(describeError(t, error));
        }
        users.reload();
      },
    });
  };

  const resetPassword = (row: Listing): void => {
    void modal.confirm({
      title: t('hubConsole.users.resetTitle', { login: row.login }),
      content: t('hubConsole.users.resetEffect'),
      okText: t('hubConsole.users.resetPassword'),
      cancelText: t('hubConsole.common.cancel'),
      onOk: async () => {
        const password = generatePassword(row.login);
        try {
          const answer = await client.call('userResetPassword', { login: row.login, password });
          if (answer.outcome === 'done') setShown({ login: row.login, password });
          else
            void message.error(
              answer.passwordProblems.map((p) => t(`hubAccounts.passwordProblems.${p}`, PROBLEM_VALUES)).join(' '),
            );
        } catch (error) {
          void message.error(describeError(t, error));
        }
        users.reload();
      },
    });
  };

  const resetTotp = (row: Listing): void => {
    void modal.confirm({
      title: t('hubConsole.users.resetTotpTitle', { login: row.login }),
      content: t('hubConsole.users.resetTotpEffect'),
      okText: t('hubConsole.users.resetTotp'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('hubConsole.common.cancel'),
      onOk: async () => {
        try {
          const answer = await client.call('userResetTotp', { login: row.login });
          // Said in a dialog, not a passing message: the person has to tell the account's owner what comes next.
          void modal.info({
            title:
              answer.outcome === 'done'
                ? t('hubConsole.users.resetTotpDone', { login: row.login })
                : t('hubConsole.users.resetTotpUnchanged', { login: row.login }),
            okButtonProps: { 'data-testid': 'reset-totp-done' },
          });
        } catch (error) {
          void message.error(describeError(t, error));
        }
        users.reload();
      },
    });
  };

  const state = (row: Listing) => {
    if (row.disabledAt !== null)
      return <Tag className="console-status console-status--revoked">{t('hubConsole.users.state.disabled')}</Tag>;
    const locked = row.lockedUntil !== null && new Date(row.lockedUntil) > new Date();
    return (
      <Space wrap size={4}>
        {locked ? (
          <Tag className="console-status console-status--pending">
            {t('hubConsole.users.state.locked', { until: formatTime(row.lockedUntil, language, '') })}
          </Tag>
        ) : (
          <Tag className="console-status console-status--approved">{t('hubConsole.users.state.active')}</Tag>
        )}
        {!row.totpEnabled && (row.role === 'administrator' || row.role === 'regional-administrator') && (
          <Tag className="console-status console-status--pending">{t('hubConsole.users.state.noTotp')}</Tag>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<Listing> = [
    {
      key: 'login',
      title: t('hubConsole.users.columns.login'),
      render: (_v, r) => <Typography.Text code>{r.login}</Typography.Text>,
    },
    {
      key: 'name',
      title: t('hubConsole.users.columns.name'),
      render: (_v, r) => r.displayName ?? t('hubConsole.common.none'),
    },
    { key: 'role', title: t('hubConsole.users.columns.role'), render: (_v, r) => t(`hubAccounts.roles.${r.role}`) },
    {
      key: 'region',
      title: t('hubConsole.users.columns.region'),
      render: (_v, r) => r.regionCode ?? t('hubConsole.common.none'),
    },
    { key: 'state', title: t('hubConsole.users.columns.state'), render: (_v, r) => state(r) },
    {
      key: 'actions',
      title: t('hubConsole.users.columns.actions'),
      render: (_v, r) =>
        mayManage(user, r) && (
          <Space>
            <Button onClick={() => resetPassword(r)} data-testid={`reset-${r.login}`}>
              {t('hubConsole.users.resetPassword')}
            </Button>
            {r.role === 'lawyer' && r.disabledAt === null && (
              <Button
                onClick={() => setQueuesOf(r)}
                aria-label={t('hubCallAdmin.queues.buttonLabel', { name: r.displayName ?? r.login })}
                data-testid={`queues-${r.login}`}
              >
                {t('hubCallAdmin.queues.button')}
              </Button>
            )}
            {r.totpEnabled && (
              <Button onClick={() => resetTotp(r)} data-testid={`reset-totp-${r.login}`}>
                {t('hubConsole.users.resetTotp')}
              </Button>
            )}
            {r.disabledAt === null && (
              <Button danger onClick={() => disable(r)} data-testid={`disable-${r.login}`}>
                {t('hubConsole.users.disable')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <>
      <div className="console-page-head">
        <Typography.Title level={1} className="console-page-title">
          {t('hubConsole.users.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)} data-testid="user-add">
          {t('hubConsole.users.add')}
        </Button>
      </div>
      {users.error !== undefined && <PageError error={users.error} retry={users.reload} />}
      <Table<Listing>
        rowKey="id"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.loading}
        pagination={false}
      />

      <Modal
        open={adding}
        title={t('hubConsole.users.add')}
        okText={t('hubConsole.users.form.submit')}
        cancelText={t('hubConsole.common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        okButtonProps={{ 'data-testid': 'user-add-submit' }}
        destroyOnHidden
      >
        {refusal.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="console-gap"
            title={refusal.map((r) => (
              <div key={r}>{r}</div>
            ))}
          />
        )}
        <Form<NewAccount>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ role: roles.includes('lawyer') ? 'lawyer' : roles[0], regionCode: user.regionCode ?? '' }}
          onFinish={(v) => void add(v)}
        >
          <Form.Item
            name="login"
            label={t('hubConsole.users.form.login')}
            rules={[{ required: true, message: t('hubAccounts.accountProblems.login-invalid') }]}
          >
            <Input autoComplete="off" data-testid="user-login" />
          </Form.Item>
          <Form.Item name="displayName" label={t('hubConsole.users.form.displayName')}>
            <Input maxLength={DISPLAY_NAME_MAX} />
          </Form.Item>
          <Form.Item name="role" label={t('hubConsole.users.form.role')}>
            <Select
              options={roles.map((r) => ({ value: r, label: t(`hubAccounts.roles.${r}`) }))}
              data-testid="user-role"
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('hubConsole.users.form.region')}
            extra={role === 'administrator' ? t('hubConsole.users.form.regionNone') : undefined}
            rules={
              role === 'administrator'
                ? []
                : [{ pattern: REGION_CODE_PATTERN, message: t('hubAccounts.accountProblems.region-invalid') }]
            }
          >
            <Input inputMode="numeric" maxLength={6} disabled={role === 'administrator'} data-testid="user-region" />
          </Form.Item>
        </Form>
      </Modal>

      {queuesOf !== null && (
        <LawyerQueuesModal
          user={user}
          lawyer={{
            login: queuesOf.login,
            name: queuesOf.displayName ?? queuesOf.login,
            regionCode: queuesOf.regionCode,
          }}
          onClose={() => setQueuesOf(null)}
        />
      )}

      <Modal
        open={shown !== null}
        title={shown === null ? '' : t('hubConsole.users.passwordTitle', { login: shown.login })}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        // Nothing to cancel: the password is made already; OK closes it, and it is gone.
        footer={(_, { OkBtn }) => <OkBtn />}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('hubConsole.users.passwordShownOnce')} className="console-gap" />
        {shown !== null && (
          <ShownOnce
            label={t('hubConsole.users.form.password')}
            value={shown.password}
            className="console-secret"
            testId="shown-password"
          />
        )}
      </Modal>
    </>
  );
}
