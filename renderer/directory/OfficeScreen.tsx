import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../common/api/directory';
import type { Health } from '../../common/api/health';
import { Icon, type IconName } from '../../ui/icons/Icon';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatPrintedAt } from '../shared/dates';
import { type DirectoryChoice, KIND_ICON, directoryRequest } from './office-view';
import { officeReceipt } from './office-receipt';
import { useLanguage } from '../../ui/i18n/use-language';
import { PrintSlipButton } from '../print/PrintSlipButton';
import { jobTitle } from '../print/receipt-builder';
import { hotlineNumber } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { Section } from '../../ui/answer/AnswerBlocks';
import { OfficeBadges, OfficeQrCode, useScopeWords } from './OfficeBadges';
import '../shared/content.css';
import '../flow/flows.css';
import './directory.css';

/**
 * One office: its name, where it serves, a clear word when it is sample
 * data, address, hours, the phone number in large type, what it does, a QR
 * code of its map link for the citizen's phone, and its details on paper.
 */
export function OfficeScreen({
  choice,
  officeId,
  health,
}: {
  choice: DirectoryChoice;
  officeId: string;
  health: Health;
}) {
  const { t } = useTranslation();
  const offices = useServiceQuery('directory', directoryRequest(choice));
  const office = offices.status === 'ok' ? offices.data.entries.find((e) => e.id === officeId) : undefined;
  return (
    <main className="screen office-screen" data-testid="directory-office">
      <ScreenHeader title={office?.name ?? t('features.directory.title')} />
      <QueryView query={offices}>
        {({ regionCode }) =>
          office === undefined ? (
            <StatusNotice tone="warning">{t('load.notFound')}</StatusNotice>
          ) : (
            <OfficeDetails office={office} regionCode={regionCode} health={health} />
          )
        }
      </QueryView>
    </main>
  );
}

function Fact({
  icon,
  label,
  children,
  large = false,
  testId,
}: {
  icon: IconName;
  label: string;
  children: string;
  large?: boolean;
  testId?: string;
}) {
  return (
    <div className="office-fact">
      <p className="office-fact__label">
        <Icon name={icon} className="office-fact__icon" />
        {label}
      </p>
      <p
        className={large ? 'office-fact__value office-fact__value--large' : 'office-fact__value reading'}
        lang="zh-CN"
        data-testid={testId}
      >
        {children}
      </p>
    </div>
  );
}

function OfficeDetails({ office, regionCode, health }: { office: DirectoryEntry; regionCode: string; health: Health }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const scopeWords = useScopeWords();
  const build = (printedAt: Date) => ({
    title: jobTitle(office.name),
    receipt: officeReceipt(
      {
        name: office.name,
        kind: t(`directory.kinds.${office.kind}`),
        scope: scopeWords(office, regionCode),
        address: office.address,
        hours: office.hours,
        phone: office.phone,
        services: office.services,
        mapUrl: office.mapUrl,
        demo: office.demo,
      },
      {
        terminalName: health.terminal.displayName,
        printedAt: formatPrintedAt(printedAt, language),
        hotline: hotlineNumber(health),
        labels: {
          title: t('directory.receipt.title'),
          kind: t('directory.receipt.kind'),
          scope: t('directory.receipt.scope'),
          address: t('directory.address'),
          hours: t('directory.hours'),
          phone: t('directory.phone'),
          services: t('directory.services'),
          demo: t('directory.receipt.demo'),
          map: t('directory.receipt.map'),
          terminal: t('print.receipt.terminal'),
          printedAt: t('print.receipt.printedAt'),
          hotline: t('print.receipt.hotline'),
        },
      },
    ),
  });
  return (
    <>
      <div className="office-head">
        <p className="office-head__kind">
          <Icon name={KIND_ICON[office.kind]} className="office-fact__icon" />
          {t(`directory.kinds.${office.kind}`)}
        </p>
        <OfficeBadges entry={office} regionCode={regionCode} showKind={false} />
      </div>
      {office.demo && (
        <div data-testid="office-demo-notice">
          <StatusNotice tone="warning" detail={t('directory.demoNoticeDetail')}>
            {t('directory.demoNotice')}
          </StatusNotice>
        </div>
      )}
      <div className="accent-box accent-box--roomy office-facts">
        <Fact icon="directory" label={t('directory.address')}>
          {office.address}
        </Fact>
        <Fact icon="clock" label={t('directory.hours')}>
          {office.hours ?? t('directory.noHours')}
        </Fact>
        <Fact icon="phone" label={t('directory.phone')} large testId="office-phone">
          {office.phone ?? t('directory.noPhone')}
        </Fact>
      </div>
      {office.services.length > 0 && (
        <Section title={t('directory.services')}>
          <ul className="office-chips office-chips--list" lang="zh-CN">
            {office.services.map((s) => (
              <li key={s} className="office-chip">
                {s}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <OfficeQrCode office={office} hubUrl={health.terminal.hubUrl} />
      <div className="screen-actions">
        <PrintSlipButton label={t('directory.print')} build={build} health={health} />
      </div>
    </>
  );
}
