import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { ReceiptInput } from '../../common/receipt/receipt';
import { useNavigation } from '../app/NavigationContext';
import type { PrintSource } from '../app/navigation';
import { BigButton } from '../../ui/buttons/BigButton';
import { printerAvailability } from '../app/service/health-view';

/**
 * "Print": opens the shared print screen with `source` (or what it builds
 * when pressed). Without a printer it is disabled and says so; with a printer
 * that cannot print right now it says why but still opens (a job sent then
 * waits and prints by itself).
 */
export function PrintButton({
  source,
  label,
  health,
}: {
  source: PrintSource | (() => PrintSource);
  label: string;
  health: Health;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const printer = printerAvailability(health);
  if (printer.state === 'none') {
    return (
      <BigButton
        variant="primary"
        icon="print"
        disabled
        unavailable={{ label: t('print.notConfigured'), icon: 'notOffered' }}
        data-testid="print-button"
      >
        {label}
      </BigButton>
    );
  }
  const unavailable =
    printer.state === 'waiting' ? { label: t('print.unavailable'), icon: 'warning' as const } : undefined;
  return (
    <BigButton
      variant="primary"
      icon="print"
      unavailable={unavailable}
      data-testid="print-button"
      onClick={() => nav.push({ name: 'print', source: typeof source === 'function' ? source() : source })}
    >
      {label}
    </BigButton>
  );
}

export interface PrintSlipButtonProps {
  label: string;
  /** Builds the slip when the button is pressed, with that moment as its print time: the preview then shows exactly what prints. */
  build(printedAt: Date): { title: string; receipt: ReceiptInput };
  health: Health;
}

/** "Print" for a slip the screen builds itself (an office's details, a calculator's result). */
export function PrintSlipButton({ label, build, health }: PrintSlipButtonProps) {
  return <PrintButton label={label} health={health} source={() => ({ kind: 'receipt', ...build(new Date()) })} />;
}
