import { App, Button, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskDetailResponse } from '../../../common/hub/api/alerts';
import {
  MAX_RANGES_PER_DAY,
  WEEKDAYS,
  type OpeningHours,
  type OpeningHoursProblem,
  type Weekday,
} from '../../../common/hub/opening-hours';
import { useHubClient } from '../data/queries';
import { describeError } from '../shared/format';
import { timeOptions } from './time-options';

const splitRange = (range: string): [string, string] => {
  const [opens = '', closes = ''] = range.split('-', 2);
  return [opens, closes];
};

/**
 * A kiosk's opening hours, China time, a weekday a line, which decide
 * when its silence is an outage; changed here (each day's ranges, from a
 * list of quarter hours) or set back to the default. The hub checks what
 * is sent and names each problem with its day, shown under that day.
 */
export function OpeningHoursCard({ detail, onChanged }: { detail: KioskDetailResponse; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useHubClient();
  const { kiosk, openingHours, openingHoursAreDefault } = detail;
  const [draft, setDraft] = useState<OpeningHours | null>(null);
  const [problems, setProblems] = useState<OpeningHoursProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const dayName = (day: Weekday): string => t(`hubFleet.weekdays.${day}`);
  const editable = kiosk.status !== 'revoked';

  const send = async (hours: OpeningHours | null): Promise<void> => {
    setBusy(true);
    try {
      const answer = await client.call('kioskOpeningHours', { kioskId: kiosk.id, hours });
      if (answer.outcome === 'refused') {
        setProblems(answer.problems);
        return;
      }
      setDraft(null);
      setProblems([]);
      void message.success(t(hours === null ? 'hubConsole.kiosk.hours.restored' : 'hubConsole.kiosk.hours.saved'));
      onChanged();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const backToDefault = (): void => {
    void modal.confirm({
      title: t('hubConsole.kiosk.hours.backToDefaultTitle'),
      okText: t('hubConsole.kiosk.hours.backToDefault'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('hubConsole.common.cancel'),
      onOk: () => send(null),
    });
  };

  const setRanges = (day: Weekday, ranges: string[]): void =>
    setDraft((d) => (d === null ? d : { ...d, [day]: ranges }));

  const view = (
    <Descriptions
      column={1}
      size="small"
      items={WEEKDAYS.map((day) => ({
        key: day,
        label: dayName(day),
        children: openingHours[day].length === 0 ? t('hubFleet.closed') : openingHours[day].join('、'),
      }))}
    />
  );

  const editor =
    draft === null ? null : (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(draft);
        }}
        data-testid="hours-form"
      >
        {WEEKDAYS.map((day) => {
          const ranges = draft[day];
          const dayProblems = problems.filter((p) => p.day === day);
          return (
            <fieldset key={day} className="console-hours-day" data-testid={`hours-${day}`}>
              <legend className="console-hours-legend">{dayName(day)}</legend>
              <Space wrap>
                {ranges.length === 0 && (
                  <Typography.Text className="console-muted">{t('hubConsole.kiosk.hours.closedDay')}</Typography.Text>
                )}
                {ranges.map((range, i) => {
                  const [opens, closes] = splitRange(range);
                  const label = { day: dayName(day), n: i + 1 };
                  const change = (next: string): void =>
                    setRanges(
                      day,
                      ranges.map((r, j) => (j === i ? next : r)),
                    );
                  return (
                    <Space key={i} size={4} className="console-hours-range">
                      <Select
                        aria-label={t('hubConsole.kiosk.hours.opens', label)}
                        value={opens}
                        options={timeOptions(opens, 'opens')}
                        onChange={(v: string) => change(`${v}-${closes}`)}
                        showSearch
                        className="console-time-select"
                        data-testid={`hours-${day}-${i}-opens`}
                      />
                      <span aria-hidden="true">–</span>
                      <Select
                        aria-label={t('hubConsole.kiosk.hours.closes', label)}
                        value={closes}
                        options={timeOptions(closes, 'closes')}
                        onChange={(v: string) => change(`${opens}-${v}`)}
                        showSearch
                        className="console-time-select"
                        data-testid={`hours-${day}-${i}-closes`}
                      />
                      <Button
                        aria-label={t('hubConsole.kiosk.hours.removeRange', label)}
                        onClick={() =>
                          setRanges(
                            day,
                            ranges.filter((_r, j) => j !== i),
                          )
                        }
                        data-testid={`hours-${day}-${i}-remove`}
                      >
                        ×
                      </Button>
                    </Space>
                  );
                })}
                {ranges.length < MAX_RANGES_PER_DAY && (
                  <Button
                    type="dashed"
                    onClick={() => setRanges(day, [...ranges, newRange(ranges)])}
                    data-testid={`hours-${day}-add`}
                  >
                    {t('hubConsole.kiosk.hours.addRange')}
                  </Button>
                )}
              </Space>
              {dayProblems.length > 0 && (
                <div role="alert" className="console-hours-problems" data-testid={`hours-${day}-problems`}>
                  {dayProblems.map((p) => (
                    <div key={`${p.problem} ${p.range ?? ''}`}>
                      {t(`hubFleet.openingHoursProblems.${p.problem}`, {
                        day: dayName(day),
                        range: p.range ?? '',
                        max: MAX_RANGES_PER_DAY,
                      })}
                    </div>
                  ))}
                </div>
              )}
            </fieldset>
          );
        })}
        <Space className="console-gap-top">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="hours-save">
            {t('hubConsole.kiosk.hours.save')}
          </Button>
          <Button
            onClick={() => {
              setDraft(null);
              setProblems([]);
            }}
          >
            {t('hubConsole.common.cancel')}
          </Button>
        </Space>
      </form>
    );

  return (
    <Card
      className="console-gap"
      title={<h2 className="console-section-title">{t('hubConsole.kiosk.hours.title')}</h2>}
      extra={
        openingHoursAreDefault && (
          <Tag className="console-status console-status--offline" data-testid="hours-default">
            {t('hubConsole.kiosk.hours.isDefault')}
          </Tag>
        )
      }
      data-testid="kiosk-hours"
    >
      <Typography.Paragraph className="console-muted">{t('hubConsole.kiosk.hours.lead')}</Typography.Paragraph>
      {editor ?? view}
      {draft === null &&
        (editable ? (
          <Space className="console-gap-top">
            <Button onClick={() => setDraft(structuredClone(openingHours))} data-testid="hours-edit">
              {t('hubConsole.kiosk.hours.edit')}
            </Button>
            {!openingHoursAreDefault && (
              <Button onClick={backToDefault} loading={busy} data-testid="hours-default-button">
                {t('hubConsole.kiosk.hours.backToDefault')}
              </Button>
            )}
          </Space>
        ) : (
          <Typography.Paragraph className="console-muted">{t('hubConsole.kiosk.hours.revoked')}</Typography.Paragraph>
        ))}
    </Card>
  );
}

/** A range to add after a day's others: office hours on a closed day, else from where the last one closes (then adjusted). */
function newRange(ranges: readonly string[]): string {
  const last = ranges.at(-1);
  return last === undefined ? '08:30-17:30' : `${splitRange(last)[1]}-24:00`;
}
