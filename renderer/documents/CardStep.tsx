import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateResponse } from '../../common/api/templates';
import { prefillValues } from '../../common/templates/prefill';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { ListButton } from '../../ui/buttons/ListButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import type { Party } from './form-model';
import { useApi, useServiceEvents } from '../app/service/ServiceContext';

type Phase = 'notice' | 'waiting' | 'done';

/**
 * "读身份证填写": whose card (one card fills one party's items only), what
 * will be read and that nothing is kept — the card is read only after the
 * citizen agrees — then "put the card on the reader", and the items filled.
 *
 * The card itself is never stored: the event's card is turned into this
 * party's answers at once (common/templates/prefill.ts) and dropped; the
 * answers live in the form's state until the session ends, like typed ones,
 * and nothing about them is logged. Watching the reader is on only while
 * this step waits for a card.
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
  const api = useApi();
  const [group, setGroup] = useState<string | null>(initialGroup ?? (parties.length === 1 ? parties[0]!.group : null));
  const [phase, setPhase] = useState<Phase>('notice');
  const [readError, setReadError] = useState(false);
  const [filledCount, setFilledCount] = useState(0);
  const party = parties.find((p) => p.group === group) ?? null;

  const waiting = phase === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    api.call('idcardWatch', { watch: true }).catch(() => setReadError(true));
    return () => {
      api.call('idcardWatch', { watch: false }).catch(() => undefined);
    };
  }, [api, waiting]);

  useServiceEvents((event) => {
    if (!waiting || group === null) return;
    if (event.type === 'idcard') {
      const filled = prefillValues(template, event.card, group);
      onFilled(filled);
      setFilledCount(Object.keys(filled).length);
      setReadError(false);
      setPhase('done');
    } else if (event.type === 'idcard-error') {
      setReadError(true);
    }
  });

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

  if (phase === 'waiting') {
    return (
      <section className="flow-card doc-card doc-card--waiting" data-testid="card-step" data-phase="waiting">
        <Icon name="idCard" className="doc-card__icon" />
        <p className="doc-card__prompt" role="status">
          <span lang="zh-CN">{t('documents.card.insert', { party: party.label })}</span>
        </p>
        <p className="doc-card__text">{t('documents.card.insertHint')}</p>
        {readError && <StatusNotice tone="warning">{t('documents.card.readError')}</StatusNotice>}
        <div className="flow-actions doc-actions">
          <BigButton icon="back" data-testid="card-cancel" onClick={onClose}>
            {t('documents.card.cancel')}
          </BigButton>
        </div>
      </section>
    );
  }

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
