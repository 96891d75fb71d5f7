import { Alert, Button, Card, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../../../common/hub/accounts';
import type { Me } from '../../../common/hub/api/accounts';
import type { EnrollCodeResponse } from '../../../common/hub/api/kiosks';
import { useLanguage } from '../../../ui/i18n/use-language';
import { useHubClient } from '../data/queries';
import { describeError, formatTime } from '../shared/format';
import { ShownOnce } from '../shared/ShownOnce';

const EXPIRIES = { hour: 3600, day: 86_400, week: 7 * 86_400, month: 30 * 86_400 } as const;
type Expiry = keyof typeof EXPIRIES;

interface CodeForm {
  regionCode: string;
  site?: string;
  expiry: Expiry;
  preApprove: boolean;
}

/** The line a technician types on the kiosk's terminal to enroll it with this hub. */
export function enrollCommand(hubOrigin: string, code: string): string {
  return `kioskctl hub enroll --hub ${hubOrigin} --code ${code}`;
}

/**
 * One-time enrollment codes: for a region (a regional administrator's own
 * by default), a site, how long it lasts, and whether its kiosk is approved
 * at once. The code is in the hub's answer only, so it is shown here once,
 * with the command to type on the kiosk.
 */
export function EnrollCodesPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useHubClient();
  const [made, setMade] = useState<EnrollCodeResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (v: CodeForm): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const site = v.site?.trim();
      setMade(
        await client.call('enrollCodeCreate', {
          regionCode: v.regionCode.trim(),
          ...(site ? { site } : {}),
          expiresInSeconds: EXPIRIES[v.expiry],
          preApprove: v.preApprove,
        }),
      );
    } catch (error) {
      setProblem(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        {t('hubConsole.enroll.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hubConsole.enroll.lead')}</Typography.Paragraph>
      {made !== null ? (
        <Card
          className="console-gap"
          title={<h2 className="console-section-title">{t('hubConsole.enroll.madeTitle')}</h2>}
        >
          <Alert type="warning" showIcon title={t('hubConsole.enroll.shownOnce')} className="console-gap" />
          <ShownOnce
            label={t('hubConsole.enroll.code')}
            value={made.code}
            className="console-enroll-code"
            testId="enroll-code"
          />
          <ShownOnce
            label={t('hubConsole.enroll.command')}
            value={enrollCommand(window.location.origin, made.code)}
            testId="enroll-command"
          />
          <Typography.Paragraph>
            {t('hubConsole.enroll.expiresAt', { at: formatTime(made.expiresAt, language, '') })}
            {made.preApproved && ` ${t('hubConsole.enroll.preApproved')}`}
          </Typography.Paragraph>
          <Button onClick={() => setMade(null)} data-testid="enroll-another">
            {t('hubConsole.enroll.another')}
          </Button>
        </Card>
      ) : (
        <Card className="console-gap console-form-card">
          {problem !== null && <Alert type="error" showIcon title={problem} className="console-gap" role="alert" />}
          <Form<CodeForm>
            layout="vertical"
            requiredMark={false}
            initialValues={{ regionCode: user.regionCode ?? '', expiry: 'day', preApprove: false }}
            onFinish={(v) => void create(v)}
          >
            <Form.Item
              name="regionCode"
              label={t('hubConsole.enroll.region')}
              rules={[{ required: true, pattern: REGION_CODE_PATTERN, message: t('hubConsole.enroll.regionFormat') }]}
            >
              <Input inputMode="numeric" maxLength={6} className="console-short-input" data-testid="enroll-region" />
            </Form.Item>
            <Form.Item name="site" label={t('hubConsole.enroll.site')}>
              <Input maxLength={100} placeholder={t('hubConsole.enroll.sitePlaceholder')} data-testid="enroll-site" />
            </Form.Item>
            <Form.Item name="expiry" label={t('hubConsole.enroll.expiry')}>
              <Select
                className="console-short-input"
                options={(Object.keys(EXPIRIES) as Expiry[]).map((e) => ({
                  value: e,
                  label: t(`hubConsole.enroll.expiries.${e}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="preApprove" valuePropName="checked">
              <Checkbox data-testid="enroll-pre-approve">{t('hubConsole.enroll.preApprove')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="enroll-create">
              {t('hubConsole.enroll.create')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
