import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskNotice } from '../../common/api/health';
import { Icon } from '../../ui/icons/Icon';
import { useLanguage } from '../../ui/i18n/use-language';
import { formatLegalDate } from '../shared/dates';
import './notice-banner.css';

/**
 * The notices (公告) of the content release active today for this terminal,
 * as banners on the home screen: the title on a large touch target, the
 * body opened in place by a tap (and closed by another), so nothing covers
 * the services underneath. Title and body are shown as administrators wrote
 * them, in Chinese.
 */
export function NoticeBanner({ notices }: { notices: readonly KioskNotice[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  if (notices.length === 0) return null;
  return (
    <section className="notice-banner" aria-labelledby={headingId} data-testid="notice-banner">
      <h2 id={headingId} className="notice-banner__heading">
        {t('homeNotices.heading')}
      </h2>
      <ul className="notice-banner__list">
        {notices.map((n) => (
          <NoticeItem key={n.id} notice={n} />
        ))}
      </ul>
    </section>
  );
}

function NoticeItem({ notice }: { notice: KioskNotice }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <li className="notice-banner__item" data-testid={`notice-${notice.id}`}>
      <button
        type="button"
        className="notice-banner__toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="info" className="notice-banner__icon" />
        <span className="notice-banner__title" lang="zh-CN">
          {notice.title}
        </span>
        <span className="notice-banner__action">{open ? t('homeNotices.close') : t('homeNotices.open')}</span>
      </button>
      <div id={bodyId} className="notice-banner__body" hidden={!open}>
        <p className="notice-banner__text" lang="zh-CN">
          {notice.body}
        </p>
        <p className="notice-banner__dates">
          {notice.startsOn === notice.endsOn
            ? t('homeNotices.oneDay', { date: formatLegalDate(notice.startsOn, language) })
            : t('homeNotices.dates', {
                from: formatLegalDate(notice.startsOn, language),
                to: formatLegalDate(notice.endsOn, language),
              })}
        </p>
      </div>
    </li>
  );
}
