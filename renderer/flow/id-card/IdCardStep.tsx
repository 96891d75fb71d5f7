import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../../common/api/health';
import { BigButton } from '../../../ui/buttons/BigButton';
import { Icon } from '../../../ui/icons/Icon';
import { StatusNotice } from '../../../ui/notices/StatusNotice';
import { KeyboardTextField } from '../Field';
import {
  type Identity,
  type TypedIdentityProblem,
  checkTypedIdentity,
  MAX_NAME_LENGTH,
  readerAvailability,
  typedIdentity,
} from './identity';
import { type IdCardRead, useIdCard } from './use-id-card';
import '../flows.css';
import './idcard.css';

export interface IdCardStepProps {
  health: Health;
  /** Called once with who the citizen is: from the card, or typed in. */
  onIdentity(identity: Identity): void;
  /** Open on typing (e.g. to correct typed details), with these values. */
  manual?: { name: string; idNumber: string };
}

/**
 * "请把身份证放在读卡区": the card on the reader (picture, words, what is
 * happening, errors in plain words, a limit on the wait), or — no card with
 * them, no reader, or a reader that is down — the name and ID number typed on
 * the on-screen keyboard, the number checked with its check character.
 *
 * Shared by the forms that need an identity. Read only after the screen has
 * shown its notice and the citizen agreed; nothing here keeps the card.
 */
export function IdCardStep({ health, onIdentity, manual }: IdCardStepProps) {
  const reader = readerAvailability(health);
  const [typing, setTyping] = useState(manual !== undefined || reader !== 'ready');
  const { read, retry } = useIdCard({ active: !typing });

  const onIdentityRef = useRef(onIdentity);
  useEffect(() => {
    onIdentityRef.current = onIdentity;
  });
  const identity = read.phase === 'read' ? read.value : null;
  useEffect(() => {
    if (identity !== null) onIdentityRef.current(identity);
  }, [identity]);

  if (typing) {
    return (
      <ManualIdentityForm
        initial={manual ?? { name: '', idNumber: '' }}
        notice={reader === 'none' ? 'noReader' : reader === 'unavailable' ? 'readerDown' : null}
        onUseCard={
          reader === 'ready'
            ? () => {
                retry();
                setTyping(false);
              }
            : undefined
        }
        onDone={onIdentity}
      />
    );
  }
  return <CardWait read={read} onRetry={retry} onManual={() => setTyping(true)} />;
}

function CardWait({ read, onRetry, onManual }: { read: IdCardRead; onRetry(): void; onManual(): void }) {
  const { t } = useTranslation();
  const status =
    read.phase === 'error'
      ? { icon: 'warning' as const, text: t(read.kind === 'again' ? 'idCard.errorAgain' : 'idCard.errorReader') }
      : read.phase === 'invalid-card'
        ? { icon: 'warning' as const, text: t('idCard.invalidCard') }
        : read.phase === 'timeout'
          ? { icon: 'clock' as const, text: t('idCard.timeout') }
          : { icon: 'idCard' as const, text: t('idCard.waiting') };
  return (
    <section className="idcard" data-testid="idcard-step" data-phase={read.phase}>
      <CardOnReader />
      <p className="idcard__prompt">{t('idCard.insert')}</p>
      <p className="idcard__hint">{read.phase === 'timeout' ? t('idCard.timeoutHint') : t('idCard.insertHint')}</p>
      <p className="idcard__status" role="status" data-tone={read.phase === 'waiting' ? 'info' : 'warning'}>
        <Icon name={status.icon} className="idcard__status-icon" />
        <span>{status.text}</span>
      </p>
      <div className="idcard__actions">
        {read.phase === 'timeout' && (
          <BigButton variant="primary" icon="retry" data-testid="idcard-retry" onClick={onRetry}>
            {t('idCard.tryAgain')}
          </BigButton>
        )}
        <BigButton icon="edit" data-testid="idcard-manual" onClick={onManual}>
          {t('idCard.manual')}
        </BigButton>
      </div>
    </section>
  );
}

/** A card being laid flat on the reader: the same picture whatever the language. */
function CardOnReader() {
  const { t } = useTranslation();
  return (
    <svg className="idcard__picture" viewBox="0 0 240 150" role="img" aria-label={t('idCard.illustration')}>
      {/* The reader: a flat pad with its read area marked. */}
      <rect x="30" y="92" width="180" height="44" rx="10" className="idcard__reader" />
      <rect x="62" y="98" width="116" height="20" rx="4" className="idcard__area" />
      {/* The card, above it, and the way down. */}
      <g className="idcard__card">
        <rect x="70" y="14" width="100" height="62" rx="7" />
        <circle cx="94" cy="40" r="9" />
        <path d="M82 62c2-6 6-9 12-9s10 3 12 9M118 34h38M118 46h38M118 58h26" />
      </g>
      <path d="M120 80v10M114 84l6 6 6-6" className="idcard__arrow" />
    </svg>
  );
}

function ManualIdentityForm({
  initial,
  notice,
  onUseCard,
  onDone,
}: {
  initial: { name: string; idNumber: string };
  notice: 'noReader' | 'readerDown' | null;
  onUseCard: (() => void) | undefined;
  onDone(identity: Identity): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [idNumber, setIdNumber] = useState(initial.idNumber);
  const [problems, setProblems] = useState<{
    name: TypedIdentityProblem | null;
    idNumber: TypedIdentityProblem | null;
  } | null>(null);

  /** `idText`: the number as the keyboard's 完成 hands it over (the state may not have caught up yet). */
  const confirm = (idText: string = idNumber): void => {
    const checked = checkTypedIdentity(name, idText);
    setProblems(checked);
    if (checked.name === null && checked.idNumber === null) onDone(typedIdentity(name, idText));
  };

  return (
    <section className="flow-step idcard-manual" data-testid="idcard-manual-form">
      <h2 className="idcard-manual__title">{t('idCard.manualTitle')}</h2>
      {notice !== null && <StatusNotice tone="info">{t(`idCard.${notice}`)}</StatusNotice>}
      <KeyboardTextField
        label={t('idCard.name')}
        problem={problems?.name ? t(`idCard.problems.${problems.name}`) : null}
        maxLength={MAX_NAME_LENGTH}
        placeholder={t('idCard.namePlaceholder')}
        value={name}
        data-testid="manual-name"
        onValueChange={setName}
      />
      <KeyboardTextField
        label={t('idCard.idNumber')}
        problem={problems?.idNumber ? t(`idCard.problems.${problems.idNumber}`) : null}
        number
        layout="digits"
        digitKeys={['X', null]}
        maxLength={18}
        placeholder={t('idCard.idNumberPlaceholder')}
        keyboardHint={t('idCard.idNumberKeyboardHint')}
        value={idNumber}
        data-testid="manual-id-number"
        onValueChange={(v) => setIdNumber(v.toUpperCase())}
        onDone={(text) => confirm(text.toUpperCase())}
      />
      <div className="idcard__actions">
        {onUseCard && (
          <BigButton icon="idCard" data-testid="idcard-use-card" onClick={onUseCard}>
            {t('idCard.useCard')}
          </BigButton>
        )}
        <BigButton variant="primary" icon="forward" data-testid="manual-confirm" onClick={() => confirm()}>
          {t('idCard.confirm')}
        </BigButton>
      </div>
    </section>
  );
}
