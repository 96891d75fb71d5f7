import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HIT_KINDS, type HitKind, type SearchHit } from '../../common/api/search';
import { hitTarget } from './search-view';
import type { Health } from '../../common/api/health';
import { useNavigation } from '../app/NavigationContext';
import { Highlighted } from '../shared/Highlighted';
import { HotlineCard } from '../shared/HotlineCard';
import { Icon, type IconName } from '../../ui/icons/Icon';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { SearchForm } from './SearchForm';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { useServiceQuery } from '../app/service/use-service-query';
import { useCountOnce } from '../app/session/SessionUse';
import { Section } from '../../ui/answer/AnswerBlocks';
import '../shared/content.css';

const RESULT_LIMIT = 20;
const GROUP_ICON: Record<HitKind, IconName> = { faq: 'consultation', article: 'article', guide: 'documents' };

/** Search results, grouped 答案 / 法条 / 办事指南, with the matched words marked. */
export function SearchScreen({ query: initial, health }: { query: string; health: Health }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initial);
  const results = useServiceQuery('search', { query, limit: RESULT_LIMIT });
  // One search per words searched in a session; the words themselves are never kept, only a digest of them.
  useCountOnce(
    'search',
    results.status === 'ok' ? (results.data.hits.length > 0 ? 'found' : 'none') : null,
    `search:${digest(query)}`,
  );
  const { hotlines } = health.terminal;
  return (
    <main className="screen search-screen" data-testid="search">
      <ScreenHeader title={t('search.title')} />
      <SearchForm initial={initial} onSearch={setQuery} />
      <QueryView query={results}>
        {(r) =>
          r.hits.length === 0 ? (
            <div className="screen__content">
              <StatusNotice tone="info">{t('search.none')}</StatusNotice>
              <HotlineCard size="large" number={hotlines.publicLegalService} local={hotlines.local} />
            </div>
          ) : (
            <>
              {r.interpretedAs.length > 0 && (
                <p className="search-screen__interpreted">
                  {t('search.interpretedAs', { words: r.interpretedAs.join(t('search.wordSeparator')) })}
                </p>
              )}
              {HIT_KINDS.filter((kind) => r.groups[kind].length > 0).map((kind) => (
                <Section
                  key={kind}
                  title={t('search.groupCount', { group: t(`search.groups.${kind}`), count: r.groups[kind].length })}
                >
                  <ul className="choice-list" data-testid={`results-${kind}`}>
                    {r.groups[kind].map((hit) => (
                      <li key={`${hit.kind}-${hit.id}`}>
                        <HitButton hit={hit} icon={GROUP_ICON[kind]} />
                      </li>
                    ))}
                  </ul>
                </Section>
              ))}
            </>
          )
        }
      </QueryView>
    </main>
  );
}

function HitButton({ hit, icon }: { hit: SearchHit; icon: IconName }) {
  const nav = useNavigation();
  const target = hitTarget(hit);
  return (
    <button
      type="button"
      className="button button--list button--raised hit"
      disabled={target === null}
      onClick={() => target && nav.push(target)}
      lang="zh-CN"
    >
      <Icon name={icon} className="button__icon" />
      <span className="hit__body">
        <span className="hit__title">
          <Highlighted text={hit.title} ranges={hit.titleHighlights} />
        </span>
        {hit.kind === 'article' && <span className="hit__law">{hit.law}</span>}
        <span className="hit__snippet">
          <Highlighted text={hit.snippet} ranges={hit.highlights} />
        </span>
      </span>
      <Icon name="forward" className="button__icon" />
    </button>
  );
}

/** FNV-1a of the words, hex: tells one search from another in the session without holding what was typed. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
