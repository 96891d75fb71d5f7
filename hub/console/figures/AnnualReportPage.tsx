import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { YearFiguresRequest } from '../../../common/hub/api/year-figures';
import { formatTime } from '../shared/format';
import { hrefOf } from '../app/routes';
import { useHubQuery } from '../data/queries';
import { PageError } from '../shared/PageError';
import { useLanguage } from '../../../ui/i18n/use-language';
import { AnnualTable } from './YearFiguresPage';

/**
 * The annual report to print: its title, what it counts and when it was
 * made, the annual table with what each line sums. The print style sheet
 * leaves out the console around it (console.css, @media print).
 */
export function AnnualReportPage({ asked }: { asked: YearFiguresRequest }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const figures = useHubQuery('yearFigures', asked);
  const scope =
    asked.kioskId !== undefined
      ? t('hubFigures.scopeKiosk', { kiosk: asked.kioskId })
      : asked.regionCode !== undefined
        ? t('hubFigures.scopeRegion', { region: asked.regionCode })
        : t('hubFigures.scopeAll');
  return (
    <div className="figures-report" data-testid="figures-report">
      <div className="figures-report__actions">
        <a href={hrefOf({ page: 'figures' })}>{t('hubFigures.print.back')}</a>
        <Button type="primary" onClick={() => window.print()} data-testid="figures-print-now">
          {t('hubFigures.print.printNow')}
        </Button>
      </div>
      <Typography.Title level={1} className="console-page-title">
        {t('hubFigures.print.title', { year: asked.year })}
      </Typography.Title>
      <Typography.Paragraph>
        {t('hubFigures.annualScope', { scope })}
        <br />
        {t('hubFigures.print.madeAt', { at: formatTime(new Date().toISOString(), language, '') })}
      </Typography.Paragraph>
      {figures.error !== undefined && <PageError error={figures.error} retry={figures.reload} />}
      {figures.data !== undefined && <AnnualTable data={figures.data} />}
    </div>
  );
}
