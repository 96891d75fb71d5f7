import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../../../common/hub/accounts';
import type { Me } from '../../../common/hub/api/accounts';
import { MAX_ROSTER_ENTRIES, type RosterEntry, type RosterProblem } from '../../../common/hub/duty-roster';
import { WEEKDAYS, type Weekday } from '../../../common/hub/opening-hours';
import { useHubClient, useHubQuery, useKiosks, useUsers } from '../data/queries';
import { timeOptions } from '../fleet/time-options';
import { PageError } from '../shared/PageError';
import { describeError } from '../shared/format';
import { RegionPicker } from './RegionPicker';
import { regionOptions } from './region-options';
import { addShifts, WORKDAYS } from './roster-draft';

type Lawyer = { id: number; name: string };

/**
 * 排班: the duty roster of a region, a shift a row (weekday, hours in China
 * time, the lawyer on duty if named), edited on the page and saved whole,
 * as the hub replaces it; shifts are added for several weekdays at once.
 * The hub checks what is saved and names each problem with its shift.
 */
export function DutyRosterPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const kiosks = useKiosks();
  const users = useUsers();
  const options = regionOptions(user, kiosks.data?.map((k) => k.regionCode) ?? []);
  const [typed, setTyped] = useState<string | null>(null);
  // Until one is typed: the caller's own region, else the first the fleet suggests.
  const regionText = typed ?? user.regionCode ?? options[0] ?? '';
  const region = REGION_CODE_PATTERN.test(regionText) ? regionText : null;
  const lawyers: Lawyer[] = (users.data ?? [])
    .filter((u) => u.role === 'lawyer' && u.disabledAt === null)
    .map((u) => ({ id: u.id, name: u.displayName ?? u.login }));

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubCallAdmin.roster.title')}
      </Typography.Title>
      <Typography.Paragraph className="console-lead">{t('hubCallAdmin.roster.lead')}</Typography.Paragraph>
      <RegionPicker value={regionText} onChange={setTyped} options={options} testId="roster-region" />
      {region !== null && <RosterEditor key={region} region={region} lawyers={lawyers} />}
    </>
  );
}

interface NewShifts {
  weekdays: Weekday[];
  opens: string;
  closes: string;
  lawyerId?: number | null;
}

function RosterEditor({ region, lawyers }: { region: string; lawyers: readonly Lawyer[] }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useHubClient();
  const roster = useHubQuery('dutyRoster', { regionCode: region });
  // null: not changed here, the roster is the hub's.
  const [draft, setDraft] = useState<RosterEntry[] | null>(null);
  const [problems, setProblems] = useState<RosterProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewShifts>();
  const opens = Form.useWatch('opens', form) ?? '09:00';
  const closes = Form.useWatch('closes', form) ?? '17:00';

  const saved: RosterEntry[] =
    roster.data?.entries.map((e) => ({ weekday: e.weekday, hours: e.hours, lawyerId: e.lawyerId })) ?? [];
  const shifts = draft ?? saved;
  const names = new Map<number, string>([
    ...(roster.data?.entries ?? []).flatMap((e) =>
      e.lawyerId === null || e.lawyerName === null ? [] : [[e.lawyerId, e.lawyerName] as const],
    ),
    ...lawyers.map((l) => [l.id, l.name] as const),
  ]);
  const dayName = (day: Weekday): string => t(`hubFleet.weekdays.${day}`);
  const regionName = t('hubCallAdmin.region.code', { region });

  const send = async (entries: RosterEntry[], done: string): Promise<void> => {
    setBusy(true);
    try {
      const answer = await client.call('dutyRosterSet', { regionCode: region, entries });
      if (answer.outcome === 'refused') {
        setProblems(answer.problems);
        return;
      }
      setDraft(null);
      setProblems([]);
      void message.success(done);
      roster.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const clear = (): void => {
    void modal.confirm({
      title: t('hubCallAdmin.roster.clearTitle', { region: regionName }),
      content: t('hubCallAdmin.roster.clearEffect'),
      okText: t('hubCallAdmin.roster.clear'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('hubConsole.common.cancel'),
      onOk: () => send([], t('hubCallAdmin.roster.cleared', { region: regionName })),
    });
  };

  const add = (v: NewShifts): void => {
    setDraft(
      addShifts(shifts, { weekdays: v.weekdays, opens: v.opens, closes: v.closes, lawyerId: v.lawyerId ?? null }),
    );
    setProblems([]);
  };

  const problemText = (p: RosterProblem): string => {
    const entry = p.index === undefined ? undefined : shifts[p.index];
    const text = t(`hubCallAdmin.roster.problems.${p.problem}`, { hours: entry?.hours ?? '', max: MAX_ROSTER_ENTRIES });
    return entry === undefined ? text : `${dayName(entry.weekday)} ${entry.hours}：${text}`;
  };

  const columns: TableColumnsType<RosterEntry & { index: number }> = [
    { key: 'weekday', title: t('hubCallAdmin.roster.columns.weekday'), render: (_v, e) => dayName(e.weekday) },
    { key: 'hours', title: t('hubCallAdmin.roster.columns.hours'), render: (_v, e) => e.hours },
    {
      key: 'lawyer',
      title: t('hubCallAdmin.roster.columns.lawyer'),
      render: (_v, e) =>
        e.lawyerId === null ? t('hubCallAdmin.roster.noLawyer') : (names.get(e.lawyerId) ?? String(e.lawyerId)),
    },
    {
      key: 'actions',
      title: t('hubCallAdmin.roster.columns.actions'),
      render: (_v, e) => (
        <Button
          // Its name starts with its text as shown: no space put between two Chinese characters.
          autoInsertSpace={false}
          aria-label={t('hubCallAdmin.roster.removeLabel', { day: dayName(e.weekday), hours: e.hours })}
          onClick={() => {
            setDraft(shifts.filter((_s, i) => i !== e.index));
            setProblems([]);
          }}
          data-testid={`shift-remove-${e.index}`}
        >
          {t('hubCallAdmin.roster.remove')}
        </Button>
      ),
    },
  ];

  return (
    <>
      {roster.error !== undefined && <PageError error={roster.error} retry={roster.reload} />}
      <Card
        className="console-gap console-gap-top"
        title={<h2 className="console-section-title">{t('hubCallAdmin.roster.title2', { region: regionName })}</h2>}
        data-testid="roster"
      >
        {problems.length > 0 && (
          <Alert
            className="console-gap"
            type="error"
            showIcon
            role="alert"
            data-testid="roster-problems"
            title={problems.map((p) => (
              <div key={`${p.index ?? ''} ${p.problem}`}>{problemText(p)}</div>
            ))}
          />
        )}
        {shifts.length === 0 && !roster.loading ? (
          <Typography.Paragraph className="console-muted" data-testid="roster-empty">
            {t('hubCallAdmin.roster.empty')}
          </Typography.Paragraph>
        ) : (
          <Table<RosterEntry & { index: number }>
            rowKey="index"
            columns={columns}
            dataSource={shifts.map((s, index) => ({ ...s, index }))}
            loading={roster.loading}
            pagination={false}
            size="small"
            rowClassName={(e) => (problems.some((p) => p.index === e.index) ? 'console-row-problem' : '')}
          />
        )}
        <Space className="console-gap-top" wrap>
          <Button
            type="primary"
            onClick={() => void send(shifts, t('hubCallAdmin.roster.saved', { region: regionName }))}
            disabled={draft === null}
            loading={busy}
            data-testid="roster-save"
          >
            {t('hubCallAdmin.roster.save')}
          </Button>
          {draft !== null && (
            <Button
              onClick={() => {
                setDraft(null);
                setProblems([]);
              }}
            >
              {t('hubCallAdmin.roster.reset')}
            </Button>
          )}
          {draft === null && saved.length > 0 && (
            <Button danger onClick={clear} data-testid="roster-clear">
              {t('hubCallAdmin.roster.clear')}
            </Button>
          )}
          {draft !== null && (
            <Typography.Text className="console-unsaved" data-testid="roster-unsaved">
              {t('hubCallAdmin.roster.unsaved')}
            </Typography.Text>
          )}
        </Space>
      </Card>

      <Card
        className="console-gap console-form-card"
        title={<h2 className="console-section-title">{t('hubCallAdmin.roster.add.title')}</h2>}
      >
        <Form<NewShifts>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ weekdays: [], opens: '09:00', closes: '17:00', lawyerId: null }}
          onFinish={add}
          data-testid="shift-form"
        >
          <Form.Item
            name="weekdays"
            label={t('hubCallAdmin.roster.add.weekdays')}
            // A validator rather than `required`, which would put aria-required on the group (not an input).
            rules={[
              {
                validator: (_r, days: Weekday[] | undefined) =>
                  (days?.length ?? 0) > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('hubCallAdmin.roster.add.weekdaysMissing'))),
              },
            ]}
            extra={
              <Button
                type="link"
                className="console-link-button"
                onClick={() => form.setFieldValue('weekdays', [...WORKDAYS])}
              >
                {t('hubCallAdmin.roster.add.workdays')}
              </Button>
            }
          >
            <Checkbox.Group
              options={WEEKDAYS.map((day) => ({ value: day, label: dayName(day) }))}
              data-testid="shift-weekdays"
            />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="opens" label={t('hubCallAdmin.roster.add.opens')}>
              <Select
                options={timeOptions(opens, 'opens')}
                showSearch
                className="console-time-select"
                data-testid="shift-opens"
              />
            </Form.Item>
            <Form.Item
              name="closes"
              label={t('hubCallAdmin.roster.add.closes')}
              dependencies={['opens']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, value: string) =>
                    value > String(getFieldValue('opens'))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('hubCallAdmin.roster.add.closesBeforeOpens'))),
                }),
              ]}
            >
              <Select
                options={timeOptions(closes, 'closes')}
                showSearch
                className="console-time-select"
                data-testid="shift-closes"
              />
            </Form.Item>
            <Form.Item name="lawyerId" label={t('hubCallAdmin.roster.add.lawyer')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('hubCallAdmin.roster.noLawyer')}
                options={lawyers.map((l) => ({ value: l.id, label: l.name }))}
                className="console-lawyer-select"
                data-testid="shift-lawyer"
              />
            </Form.Item>
          </Space>
          <Form.Item>
            <Button htmlType="submit" data-testid="shift-add">
              {t('hubCallAdmin.roster.add.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
