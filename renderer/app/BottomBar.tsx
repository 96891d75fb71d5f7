import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { ElderlyToggle, ReadAloudButton } from './accessibility/ElderlyMode';
import { faultNotices, hotlineNumber } from './service/health-view';
import { FinishButton } from './session/FinishButton';
import { Icon } from '../../ui/icons/Icon';
import { LanguageSwitch } from '../../ui/i18n/LanguageSwitch';
import '../../ui/components.css';

/** Always at the bottom: how the kiosk is doing, the hotline, the language switch and, in a session, 朗读, 长辈模式 and "结束使用". */
export function BottomBar({ health, onFinish }: { health: Health | null; onFinish?: () => void }) {
  const { t } = useTranslation();
  // A part switched off on purpose (no hub configured) is not a fault of this kiosk.
  const limited = health !== null && faultNotices(health).length > 0;
  return (
    <footer className="bottom-bar">
      {health && (
        <p className="bottom-bar__status" data-testid="kiosk-status" data-limited={limited}>
          <Icon name={limited ? 'info' : 'ok'} className="bottom-bar__status-icon" />
          {limited ? t('status.someUnavailable') : t('status.allOk')}
        </p>
      )}
      <p className="bottom-bar__hotline">
        <Icon name="phone" className="bottom-bar__hotline-icon" />
        <span className="bottom-bar__hotline-label">{t('hotline.bar')}</span>
        <strong className="bottom-bar__hotline-number">{hotlineNumber(health)}</strong>
      </p>
      {onFinish && <ReadAloudButton />}
      {onFinish && <ElderlyToggle />}
      <LanguageSwitch offered={health?.terminal.languages} />
      {onFinish && <FinishButton onFinish={onFinish} />}
    </footer>
  );
}
