import type { HubApi } from '../../common/hub/api/contract';
import type { YearFiguresRequest, YearFiguresResponse } from '../../common/hub/api/year-figures';
import { mayManageKiosksIn } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import type { HubCaller } from '../http/hub-guard';
import { scopeOf, signedIn } from '../http/route-callers';
import { findKiosk } from '../storage/kiosks';
import type { HubDb } from '../storage/schema';
import { figureSheet } from '../../common/hub/figure-sheets';
import { exportFileName, toCsv, toXlsx } from './figure-export';
import { readYearInputs } from './year-figure-inputs';
import { tallyYear } from './year-figures';

/**
 * The routes of the year's figures and their exports: administrators
 * everywhere, regional administrators their region and those within it.
 * The region asked must be one the caller manages (403 otherwise); a kiosk
 * asked must stand in one (404 otherwise, as for none); without either a
 * regional administrator gets their own region.
 */

type FigureRoutes = 'yearFigures' | 'yearFiguresExport';

export function createFigureHandlers(deps: { db: HubDb }): Pick<Handlers<HubApi, HubCaller>, FigureRoutes> {
  const { db } = deps;

  const figuresFor = async (body: YearFiguresRequest, ctx: HubCaller): Promise<YearFiguresResponse> => {
    const actor = scopeOf(signedIn(ctx).session.user);
    const regionCode = body.regionCode ?? (actor.role === 'administrator' ? null : actor.regionCode);
    if (regionCode === null ? actor.role !== 'administrator' : !mayManageKiosksIn(actor, regionCode))
      throw new HttpError(403, 'forbidden', 'You may not see the figures of this region');
    if (body.kioskId !== undefined) {
      const kiosk = await findKiosk(db, body.kioskId);
      if (kiosk === undefined || !mayManageKiosksIn(actor, kiosk.region_code))
        throw new HttpError(404, 'not-found', 'No such kiosk');
    }
    return tallyYear(await readYearInputs(db, { year: body.year, regionCode, kioskId: body.kioskId ?? null }));
  };

  return {
    yearFigures: figuresFor,

    async yearFiguresExport(body, ctx) {
      const figures = await figuresFor(body, ctx);
      const file =
        body.format === 'csv'
          ? toCsv(figureSheet(figures, body.table!, body.language))
          : await toXlsx(figures, body.language, body.table === undefined ? undefined : [body.table]);
      return {
        fileName: exportFileName(figures, body.format, body.table),
        mediaType:
          body.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: file.toString('base64'),
      };
    },
  };
}
