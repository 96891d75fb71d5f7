import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../common/api/directory';
import { Icon, type IconName } from '../../ui/icons/Icon';
import { KIND_ICON, officeQr, scopeKey } from './office-view';
import { QrPanel } from '../../ui/qr/QrCode';
import '../../ui/qr/qr-panel.css';
import './directory.css';

/** A small label with an icon and words (never colour alone): 本区, 演示数据, 公证处. */
export function Badge({
  icon,
  tone = 'plain',
  children,
  testId,
}: {
  icon: IconName;
  tone?: 'plain' | 'demo';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span className={`office-badge office-badge--${tone}`} data-testid={testId}>
      <Icon name={icon} className="office-badge__icon" />
      {children}
    </span>
  );
}

/** Where the office serves, in words, as seen from this terminal's region. */
export function useScopeWords(): (entry: Pick<DirectoryEntry, 'scope'>, terminalRegionCode: string) => string {
  const { t } = useTranslation();
  return (entry, terminalRegionCode) => t(`directory.scope.${scopeKey(entry.scope, terminalRegionCode)}`);
}

export function OfficeBadges({
  entry,
  regionCode,
  showKind,
}: {
  entry: DirectoryEntry;
  regionCode: string;
  showKind: boolean;
}) {
  const { t } = useTranslation();
  const scopeWords = useScopeWords();
  return (
    <span className="office-badges">
      <Badge icon="globe" testId="office-scope">
        <span className="visually-hidden">{t('directory.scopeLabel', { scope: '' })}</span>
        {scopeWords(entry, regionCode)}
      </Badge>
      {showKind && <Badge icon={KIND_ICON[entry.kind]}>{t(`directory.kinds.${entry.kind}`)}</Badge>}
      {entry.demo && (
        <Badge icon="warning" tone="demo" testId="office-demo">
          {t('directory.demoBadge')}
        </Badge>
      )}
    </span>
  );
}

/**
 * "扫码带走" for an office, drawn as TakeAwayQr draws answers: the hub's
 * page for it, or its map link (a phone opens the map), or its name,
 * address and phone as text.
 */
export function OfficeQrCode({
  office,
  hubUrl,
}: {
  office: Pick<DirectoryEntry, 'id' | 'name' | 'address' | 'phone' | 'mapUrl'>;
  hubUrl: string | null;
}) {
  const { t } = useTranslation();
  const code = officeQr(office, hubUrl);
  const what = { link: 'directory.qrLink', map: 'directory.qrMap', text: 'directory.qrText' } as const;
  return (
    <QrPanel
      data={code.data}
      codeLabel={t('directory.qrCodeLabel')}
      title={t('directory.qrTitle')}
      lines={[t(what[code.kind])]}
      kind={code.kind}
      testId="office-qr"
      codeTestId="office-qr-code"
    />
  );
}
