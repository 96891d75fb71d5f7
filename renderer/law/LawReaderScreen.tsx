import { Fragment, memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LawResponse } from '../../common/api/content';
import { formatArticleLabel } from '../../common/legal/chinese-numerals';
import { BigButton } from '../../ui/buttons/BigButton';
import { Highlighted } from '../shared/Highlighted';
import { Icon } from '../../ui/icons/Icon';
import { KeyboardField } from '../flow/KeyboardField';
import { NumberPad } from '../../ui/keyboard/NumberPad';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatLegalDate } from '../shared/dates';
import { buildContents, findArticleByOrdinal, findInLaw, headingsStartingAt, maxArticleOrdinal } from './law-reader';
import { useLanguage } from '../../ui/i18n/use-language';
import { TextSizeControl, readingSizeClass, useReadingSize } from '../app/reading/ReadingSize';
import { useServiceQuery } from '../app/service/use-service-query';
import { useCountOnce } from '../app/session/SessionUse';
import '../shared/content.css';

type Article = LawResponse['articles'][number];

/**
 * 法规查询: one whole law to read. Its chapters to jump to, an article by
 * number (number pad), larger or smaller text, and "find in this law". Opened
 * from an article, it starts at that article, marked.
 */
export function LawReaderScreen({ lawId, articleId }: { lawId: number; articleId?: number }) {
  const { t } = useTranslation();
  const law = useServiceQuery('law', { id: lawId });
  useCountOnce('law-lookup', law.status === 'ok' ? 'law' : null, `law-lookup:law:${lawId}`);
  return (
    <main className="screen reader" data-testid="law-reader">
      <ScreenHeader title={law.status === 'ok' ? law.data.shortName : t('features.lawLookup.title')} />
      <QueryView query={law}>{(data) => <LawReader law={data} initialArticleId={articleId} />}</QueryView>
    </main>
  );
}

type Panel = 'text' | 'contents' | 'jump';

function LawReader({ law, initialArticleId }: { law: LawResponse; initialArticleId: number | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { step } = useReadingSize();
  const [panel, setPanel] = useState<Panel>('text');
  const [target, setTarget] = useState(initialArticleId);
  // Bumped by every jump, so jumping to the same article again scrolls again.
  const [jumps, setJumps] = useState(0);
  const [find, setFind] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const findId = useId();

  useEffect(() => {
    if (panel !== 'text' || target === undefined) return;
    const scroll = (): void =>
      listRef.current?.querySelector(`[data-article-id="${target}"]`)?.scrollIntoView({ block: 'start' });
    scroll();
    // Articles off screen are laid out at an estimated height (content-visibility); the ones that come
    // near the view are measured for real in the next frame and can push the target: settle it there.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(scroll);
    });
    return () => cancelAnimationFrame(frame);
  }, [panel, target, jumps]);

  // Larger or smaller text reflows everything: keep the article at the top of the view where it was.
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const rememberAnchor = (): void => {
    const list = listRef.current;
    if (!list) return;
    const first = [...list.querySelectorAll<HTMLElement>('[data-article-id]')].find(
      (el) => el.offsetTop + el.offsetHeight > list.scrollTop,
    );
    anchor.current = first?.dataset['articleId']
      ? { id: first.dataset['articleId'], offset: first.offsetTop - list.scrollTop }
      : null;
  };
  useLayoutEffect(() => {
    const list = listRef.current;
    const kept = anchor.current;
    anchor.current = null;
    if (!list || !kept) return;
    const el = list.querySelector<HTMLElement>(`[data-article-id="${kept.id}"]`);
    if (el) list.scrollTop = el.offsetTop - kept.offset;
  }, [step]);

  const goTo = (articleId: number): void => {
    setFind('');
    setTarget(articleId);
    setPanel('text');
    setJumps((n) => n + 1);
  };

  return (
    <>
      <div className="law-meta" lang="zh-CN">
        <p className="law-meta__title">{law.title}</p>
        <p className="law-meta__version" lang={language}>
          {t('article.versionDate', { date: formatLegalDate(law.versionDate, language) })} ·{' '}
          {t('laws.articleCount', { count: law.articleCount })}
        </p>
      </div>
      <div className="reading-toolbar">
        <BigButton
          icon="contents"
          aria-pressed={panel === 'contents'}
          data-testid="reader-contents"
          onClick={() => setPanel(panel === 'contents' ? 'text' : 'contents')}
        >
          {t('reader.contents')}
        </BigButton>
        <BigButton
          icon="jump"
          aria-pressed={panel === 'jump'}
          data-testid="reader-jump"
          onClick={() => setPanel(panel === 'jump' ? 'text' : 'jump')}
        >
          {t('reader.jump')}
        </BigButton>
        {panel === 'text' && (
          <form className="find" role="search" onSubmit={(e) => e.preventDefault()}>
            <label htmlFor={findId} className="find__label">
              <Icon name="search" className="find__icon" />
              {t('reader.find')}
            </label>
            <KeyboardField
              id={findId}
              className="find__input"
              type="search"
              enterKeyHint="search"
              autoComplete="off"
              placeholder={t('reader.findPlaceholder')}
              value={find}
              data-testid="reader-find"
              onValueChange={setFind}
            />
            {find !== '' && (
              <BigButton icon="close" onClick={() => setFind('')}>
                {t('reader.findClear')}
              </BigButton>
            )}
          </form>
        )}
        <TextSizeControl onBeforeChange={rememberAnchor} />
      </div>
      {panel === 'contents' && <ContentsPanel law={law} onJump={goTo} onClose={() => setPanel('text')} />}
      {panel === 'jump' && <JumpPanel law={law} onJump={goTo} onClose={() => setPanel('text')} />}
      {/* Hidden, not unmounted, while a panel is open: a whole code is over a thousand articles, and coming back from the contents or the number pad should not build them again. */}
      <div
        className={`reader__articles ${readingSizeClass(step)}`}
        ref={listRef}
        lang="zh-CN"
        aria-label={t('reader.articles')}
        role="region"
        tabIndex={0}
        hidden={panel !== 'text'}
        data-testid="law-articles"
      >
        {find.trim() === '' ? (
          <WholeText articles={law.articles} target={target} />
        ) : (
          <FoundArticles articles={law.articles} query={find} />
        )}
      </div>
    </>
  );
}

function WholeText({ articles, target }: { articles: readonly Article[]; target: number | undefined }) {
  return (
    <>
      {articles.map((article, i) => (
        <Fragment key={article.id}>
          {headingsStartingAt(article, articles[i - 1]).map((h) =>
            h.depth === 0 ? (
              <h2 key={h.heading} className="reader__heading">
                {h.heading}
              </h2>
            ) : (
              <h3 key={h.heading} className="reader__heading reader__heading--sub">
                {h.heading}
              </h3>
            ),
          )}
          <LawArticle article={article} isTarget={article.id === target} />
        </Fragment>
      ))}
    </>
  );
}

function FoundArticles({ articles, query }: { articles: readonly Article[]; query: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const found = useMemo(() => findInLaw(articles, query), [articles, query]);
  const q = query.trim();
  return (
    <>
      <p className="find__count" role="status" lang={language}>
        {found.length === 0
          ? t('reader.findNone', { query: q })
          : t('reader.findCount', { count: found.length, query: q })}
      </p>
      {found.map(({ article, ranges }) => (
        <LawArticle key={article.id} article={article} ranges={ranges} showHeadings />
      ))}
    </>
  );
}

const NO_RANGES: [number, number][] = [];

/** One article as the law prints it: the number in bold, then the text (line breaks kept). */
const LawArticle = memo(function LawArticle({
  article,
  isTarget = false,
  ranges = NO_RANGES,
  showHeadings = false,
}: {
  article: Article;
  isTarget?: boolean;
  ranges?: [number, number][];
  showHeadings?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <article
      className="law-article"
      data-article-id={article.id}
      data-target={isTarget ? 'true' : undefined}
      data-testid={`law-article-${article.number}`}
    >
      {isTarget && (
        <p className="law-article__here" lang={language}>
          <Icon name="forward" className="law-article__here-icon" />
          {t('reader.here')}
        </p>
      )}
      {showHeadings && article.headings.length > 0 && (
        <p className="law-article__chapter">{article.headings.join(' ')}</p>
      )}
      <p className="law-article__text reading">
        <strong className="law-article__number">{article.number}</strong>{' '}
        <Highlighted text={article.text} ranges={ranges} />
      </p>
    </article>
  );
});

function ContentsPanel({
  law,
  onJump,
  onClose,
}: {
  law: LawResponse;
  onJump(articleId: number): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const contents = useMemo(() => buildContents(law.articles), [law]);
  return (
    <section className="reader-panel" aria-label={t('reader.contents')} data-testid="reader-contents-panel">
      <div className="reader-panel__top">
        <p className="screen__lead">{contents.length > 0 ? t('reader.contentsLead') : t('reader.noContents')}</p>
        <BigButton icon="back" onClick={onClose}>
          {t('reader.backToText')}
        </BigButton>
      </div>
      <ul className="contents" lang="zh-CN">
        {contents.map((entry) => (
          <li key={`${entry.articleId}-${entry.depth}`}>
            <button
              type="button"
              className={`button button--list contents__entry contents__entry--depth-${Math.min(entry.depth, 3)}`}
              onClick={() => onJump(entry.articleId)}
            >
              <span className="contents__heading">{entry.heading}</span>
              <span className="contents__from">{entry.articleNumber}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function JumpPanel({ law, onJump, onClose }: { law: LawResponse; onJump(articleId: number): void; onClose(): void }) {
  const { t } = useTranslation();
  const [digits, setDigits] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const max = useMemo(() => maxArticleOrdinal(law.articles), [law]);
  const ordinal = Number(digits);

  const submit = (): void => {
    const article = digits === '' ? undefined : findArticleByOrdinal(law.articles, ordinal);
    if (article) onJump(article.id);
    else setNotFound(digits);
  };

  return (
    <section className="reader-panel reader-panel--jump" aria-label={t('reader.jump')} data-testid="reader-jump-panel">
      <div className="reader-panel__top">
        <p className="screen__lead">{t('reader.jumpLead')}</p>
        <BigButton icon="back" onClick={onClose}>
          {t('reader.backToText')}
        </BigButton>
      </div>
      <p className="jump__display" aria-live="polite" data-testid="jump-display">
        {digits === '' ? (
          <span className="jump__empty">{t('reader.jumpEmpty')}</span>
        ) : (
          <>
            {t('reader.jumpPreview', { number: digits })}
            {ordinal >= 1 && ordinal <= 9999 && (
              <span className="jump__chinese" lang="zh-CN">
                {formatArticleLabel({ ordinal, sub: 0 })}
              </span>
            )}
          </>
        )}
      </p>
      {notFound !== null && (
        <StatusNotice tone="warning">{t('reader.jumpNotFound', { number: notFound, max })}</StatusNotice>
      )}
      <NumberPad
        value={digits}
        onChange={(v) => {
          setDigits(v);
          setNotFound(null);
        }}
        onSubmit={submit}
        submitLabel={t('reader.jumpGo')}
      />
    </section>
  );
}
