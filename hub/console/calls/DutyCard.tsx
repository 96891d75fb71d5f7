import { Alert, Card, Radio, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CALL_MAX_UNANSWERED_OFFERS,
  DUTY_STATUSES,
  type DutyStatus,
  type LawyerQueue,
} from '../../../common/hub/api/calls';

/** The lawyer's duty status, 在线接待 / 暂离 / 下线, and why the hub changed it when it did so by itself. */
export function DutyCard({
  duty,
  reason,
  onChange,
}: {
  duty: DutyStatus | null;
  reason: LawyerQueue['dutyReason'];
  onChange: (status: DutyStatus) => void;
}) {
  const { t } = useTranslation();
  const heading = useId();
  return (
    <Card
      className="console-gap"
      title={
        <h2 className="console-section-title" id={heading}>
          {t('hubCalls.duty.label')}
        </h2>
      }
      data-testid="duty"
      data-duty={duty ?? ''}
    >
      {reason !== null && (
        <Alert
          className="console-gap"
          type="warning"
          showIcon
          data-testid="duty-reason"
          title={t(`hubCalls.duty.reasons.${reason}`, { count: CALL_MAX_UNANSWERED_OFFERS })}
        />
      )}
      {duty === null ? (
        <Typography.Text className="console-muted">{t('hubCalls.duty.reading')}</Typography.Text>
      ) : (
        <>
          <Radio.Group
            aria-labelledby={heading}
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={duty}
            onChange={(e) => onChange(e.target.value as DutyStatus)}
            options={DUTY_STATUSES.map((status) => ({ value: status, label: t(`hubCalls.duty.${status}`) }))}
          />
          <Typography.Paragraph className="console-gap-top">{t(`hubCalls.duty.help.${duty}`)}</Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
