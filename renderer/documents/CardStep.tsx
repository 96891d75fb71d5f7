import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateResponse } from '../../common/api/templates';
import { prefillValues } from '../../common/templates/prefill';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { ListButton } from '../../ui/buttons/ListButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import type { Party } from './form-model';
import { type IdCardRead, useIdCard } from '../flow/id-card/use-id-card';

type Phase = 'notice' | 'waiting';

/**
 * "读身份证填写": whose card (one card fills one party's items only), what
 * will be read and that nothing is kept — the card is read only after the
 * citizen agrees — then "put the card on the reader", and the items filled.
 *
 * The card itself is never stored: the card read is turned into this
 * party's answers at once (common/templates/prefill.ts) and dropped; the
 * answers live in the form's state until the session ends, like typed ones,
 * and nothing about them is logged. The wait is the flow kit's (useIdCard):
 * watching the reader is on only while this step waits for a card, a card
 * whose number fails its check fills nothing, and after a while the step
 * stops waiting and says so, with 再试一次.
 */
export function CardStep({
  template,
  parties,
  initialGroup,
  onFilled,
  onCheck,
  onClose,
}: {
  template: TemplateResponse;
  parties: readonly Party[];
  initialGroup: string | null;
  onFilled(filled: Record<string, string>): void;
  onCheck(group: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [group, setGroup] = useState<string | null>(initialGroup ?? (parties.length === 1 ? parties[0]!.group : null));
  const [phase, setPhase] = useState<Phase>('notice');
  const party = parties.find((p) => p.group === group) ?? null;
  const { read, retry } = useIdCard({
    active: phase === 'waiting' && party !== null,
    take: (card) => (party === null ? null : prefillValues(template, card, party.group)),
  });

  const onFilledRef = useRef(onFilled);
  useEffect(() => {
    onFilledRef.current = onFilled;
  });
  const filled = read.phase === 'read' ? read.value : null;
  useEffect(() => {
    if (filled !== null) onFilledRef.current(filled);
  }, [filled]);

  if (party === null) {
    return (
      <section className="flow-card doc-card" data-testid="card-step" data-phase="choose">
        <h2 className="flow-title">{t('documents.card.chooseTitle')}</h2>
        <p className="screen__lead">{t('documents.card.chooseLead')}</p>
        <ul className="choice-list">
          {parties.map((p) => (
            <li key={p.group}>
              <ListButton icon="idCard" testId={`card-party-${p.group}`} onPress={() => setGroup(p.group)}>
                <span lang="zh-CN">{t('documents.card.partyButton', { party: p.label })}</span>
              </ListButton>
            </li>
          ))}
        </ul>
        <div className="flow-actions doc-actions">
          <BigButton icon="back" onClick={onClose}>
            {t('documents.card.cancel')}
          </BigButton>
        </div>
      </section>
    );
  }

  if (phase === 'notice') {
    return (
      <section className="flow-card doc-card" data-testid="card-step" data-phase="notice">
        <h2 className="flow-title">{t('documents.card.noticeTitle')}</h2>
        <p className="doc-card__text">{t('documents.card.noticeWhat')}</p>
        <ul className="doc-card__fields" lang="zh-CN">
          {party.fields.map((f) => (
            <li key={f.id}>{f.label}</li>
          ))}
        </ul>
        <p className="doc-card__text">{t('documents.card.noticeKeep')}</p>
        <div className="flow-actions doc-actions">
          <BigButton icon="back" data-testid="card-decline" onClick={onClose}>
            {t('documents.card.decline')}
          </BigButton>
          <BigButton variant="primary" icon="idCard" data-testid="card-agree" onClick={() => setPhase('waiting')}>
            {t('documents.card.agree')}
          </BigButton>
        </div>
      </section>
    );
  }

  if (filled === null) {
    return <CardWait party={party} read={read} onRetry={retry} onCancel={onClose} />;
  }

  const filledCount = Object.keys(filled).length;
  return (
    <section className="flow-card doc-card" data-testid="card-step" data-phase="done">
      <Icon name={filledCount > 0 ? 'ok' : 'info'} className="doc-card__icon" />
      <p className="doc-card__prompt" role="status">
        {filledCount > 0 ? t('documents.card.filled', { count: filledCount }) : t('documents.card.filledNone')}
      </p>
      <p className="doc-card__text">{t('documents.card.takeCard')}</p>
      <div className="flow-actions doc-actions">
        <BigButton variant="primary" icon="forward" data-testid="card-check" onClick={() => onCheck(party.group)}>
          {t('documents.card.check')}
        </BigButton>
      </div>
    </section>
  );
}

/** "请把借款人的身份证放在读卡区" and what went wrong, in words; once the wait is over, that it is, and 再试一次. */
function CardWait({
  party,
  read,
  onRetry,
  onCancel,
}: {
  party: Party;
  read: IdCardRead<Record<string, string>>;
  onRetry(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const timeout = read.phase === 'timeout';
  const problem =
    read.phase === 'error'
      ? t(read.kind === 'again' ? 'documents.card.readError' : 'idCard.errorReader')
      : read.phase === 'invalid-card'
        ? t('idCard.invalidCard')
        : null;
  return (
    <section
      className="flow-card doc-card doc-card--waiting"
      data-testid="card-step"
      data-phase={timeout ? 'timeout' : 'waiting'}
    >
      <Icon name={timeout ? 'clock' : 'idCard'} className="doc-card__icon" />
      <p className="doc-card__prompt" role="status">
        {timeout ? t('idCard.timeout') : <span lang="zh-CN">{t('documents.card.insert', { party: party.label })}</span>}
      </p>
      <p className="doc-card__text">{timeout ? t('documents.card.timeoutHint') : t('documents.card.insertHint')}</p>
      {problem !== null && <StatusNotice tone="warning">{problem}</StatusNotice>}
      <div className="flow-actions doc-actions">
        <BigButton icon="back" data-testid="card-cancel" onClick={onCancel}>
          {t('documents.card.cancel')}
        </BigButton>
        {timeout && (
          <BigButton variant="primary" icon="retry" data-testid="card-retry" onClick={onRetry}>
            {t('idCard.tryAgain')}
          </BigButton>
        )}
      </div>
    </section>
  );
}
