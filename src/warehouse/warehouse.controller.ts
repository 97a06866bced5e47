import { Body, Controller, Get, Inject, OnModuleInit, Param, Post, Query, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyService } from '../auth/api-key.service';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-error';
import { RateLimit } from '../platform/rate-limit/rate-limit.decorator';
import { ShipmentDocumentsService } from '../shipments/shipment-documents.service';
import { PrintStation, PrintStationStore } from './print-station.store';
import { DEFAULT_PRINTER_PORT, PrinterTargets } from './printer-targets';
import { isTimeZone } from './station-day';
import { STATION_CSS, STATION_JS } from './render/station-assets';
import { homePage, searchPage, shipmentPage, signInPage, stationPage } from './render/station-pages';
import { WarehouseSession, WarehouseSessionStore } from './warehouse-session.store';
import { WarehouseService } from './warehouse.service';
import { pageHeaders, pdfHeaders } from './warehouse-headers';

const COOKIE = 'pw_station';
const SESSION_HOURS = 12;
type Form = Record<string, string | string[] | undefined>;

interface Signed {
  session: WarehouseSession;
  station: PrintStation;
}

/**
 * The warehouse print station at /warehouse: server-rendered pages, plain forms that work from the
 * keyboard and a barcode scanner (a scanner types the code and presses Enter into the focused search
 * field). Staff sign in with an API key holding the `shipments` scope; the browser then holds only a
 * session cookie (HttpOnly, SameSite=Strict, path /warehouse), and every form carries a CSRF token.
 */
@ApiExcludeController()
@Controller('warehouse')
export class WarehouseController implements OnModuleInit {
  constructor(
    private readonly warehouse: WarehouseService,
    private readonly documents: ShipmentDocumentsService,
    private readonly sessions: WarehouseSessionStore,
    private readonly stations: PrintStationStore,
    private readonly printers: PrinterTargets,
    private readonly keys: ApiKeyService,
    private readonly config: AppConfig,
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
  ) {}

  /** The pages post HTML forms; Fastify parses only JSON and text by itself. */
  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser('application/x-www-form-urlencoded')) {
      fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => {
        const out: Form = {};
        for (const [k, v] of new URLSearchParams(body as string)) {
          const existing = out[k];
          out[k] = existing === undefined ? v : [...(Array.isArray(existing) ? existing : [existing]), v];
        }
        done(null, out);
      });
    }
  }

  private get https(): boolean {
    return this.config.publicBaseUrl.startsWith('https://');
  }

  private html(reply: FastifyReply, body: string, status = 200): string {
    void reply.status(status).headers(pageHeaders(this.https)).header('Content-Type', 'text/html; charset=utf-8');
    return body;
  }

  private redirect(reply: FastifyReply, to: string): void {
    void reply.status(303).headers(pageHeaders(this.https)).header('Location', to).send();
  }

  private async signed(request: FastifyRequest): Promise<Signed | undefined> {
    const session = await this.sessions.find(cookie(request, COOKIE));
    if (!session?.stationId) return undefined;
    const station = await this.stations.get(session.stationId);
    return station && { session, station };
  }

  /** A signed-in request whose form carries the session's CSRF token. */
  private async signedForm(request: FastifyRequest, form: Form): Promise<Signed | 'expired'> {
    const s = await this.signed(request);
    if (!s || one(form._csrf) !== s.session.csrfToken) return 'expired';
    return s;
  }

  @Get()
  @Public()
  async home(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: Form): Promise<string> {
    const s = await this.signed(request);
    if (!s) return this.html(reply, signInPage(one(query.error)));
    return this.html(reply, homePage(this.frame(s, query, 'Today'), await this.warehouse.today(s.station)));
  }

  @Get('assets/station.css')
  @Public()
  css(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('Content-Type', 'text/css; charset=utf-8').header('Cache-Control', 'public, max-age=300').header('X-Content-Type-Options', 'nosniff');
    return STATION_CSS;
  }

  @Get('assets/station.js')
  @Public()
  js(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('Content-Type', 'text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=300').header('X-Content-Type-Options', 'nosniff');
    return STATION_JS;
  }

  @Post('login')
  @Public()
  @RateLimit({ name: 'warehouse-login', limit: 20, windowSeconds: 60 })
  async login(@Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const key = one(form.apiKey)?.trim() ?? '';
    const stationName = (one(form.station) ?? 'Station 1').trim().slice(0, 60) || 'Station 1';
    const principal = key && key.length < 200 ? await this.keys.authenticate(key) : undefined;
    if (!principal || !(principal.scopes.includes('shipments') || principal.scopes.includes('admin')) || !/^[A-Za-z0-9 ._-]{1,60}$/.test(stationName)) {
      return this.redirect(reply, '/warehouse?error=bad_key');
    }
    const stationId = `sta_${stationName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 40);
    await this.stations.findOrCreate(stationId, stationName);
    const { token } = await this.sessions.create(principal.keyId, stationId, SESSION_HOURS);
    void reply.header('Set-Cookie', `${COOKIE}=${token}; Path=/warehouse; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}${this.https ? '; Secure' : ''}`);
    this.redirect(reply, '/warehouse');
  }

  @Post('logout')
  @Public()
  async logout(@Req() request: FastifyRequest, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const s = await this.signedForm(request, form);
    if (s !== 'expired') await this.sessions.end(cookie(request, COOKIE));
    void reply.header('Set-Cookie', `${COOKIE}=; Path=/warehouse; HttpOnly; SameSite=Strict; Max-Age=0${this.https ? '; Secure' : ''}`);
    this.redirect(reply, '/warehouse');
  }

  @Get('search')
  @Public()
  async search(@Req() request: FastifyRequest, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | void> {
    const s = await this.signed(request);
    if (!s) return this.redirect(reply, '/warehouse');
    const q = (one(query.q) ?? '').slice(0, 200);
    const results = await this.warehouse.search(q);
    // A scan that finds exactly one shipment goes straight to it, ready to print.
    if (results.length === 1) return this.redirect(reply, `/warehouse/shipments/${results[0].id}`);
    return this.html(reply, searchPage(this.frame(s, query, 'Search'), q, results));
  }

  @Get('shipments/:id')
  @Public()
  async shipment(@Req() request: FastifyRequest, @Param('id') id: string, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | void> {
    const s = await this.signed(request);
    if (!s) return this.redirect(reply, '/warehouse');
    try {
      return this.html(reply, shipmentPage(this.frame(s, query, 'Shipment'), await this.warehouse.shipment(id)));
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return this.html(reply, searchPage(this.frame(s, { error: 'NOT_FOUND' }, 'Search'), id, []), 404);
      throw e;
    }
  }

  @Get('shipments/:id/documents/:type')
  @Public()
  async document(@Req() request: FastifyRequest, @Param('id') id: string, @Param('type') type: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | void> {
    const s = await this.signed(request);
    if (!s) return this.redirect(reply, '/warehouse');
    if (!['commercial_invoice', 'cn22', 'cn23'].includes(type)) throw AppError.notFound(`Document ${type}`);
    const file = await this.documents.document(await this.warehouse.shipment(id), type);
    void reply.headers(pdfHeaders()).header('Content-Disposition', `inline; filename="${file.filename}"`);
    return file.data;
  }

  /** Print the chosen shipments: `action=pdf` answers the labels as one PDF, `action=zpl` sends them to the printer. */
  @Post('print')
  @Public()
  async print(@Req() request: FastifyRequest, @Body() form: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | void> {
    const s = await this.signedForm(request, form);
    if (s === 'expired') return this.redirect(reply, '/warehouse?error=bad_form');
    return this.printIds(many(form.ids), one(form.action), s, reply, backTo(form));
  }

  @Post('batch')
  @Public()
  async printBatch(@Req() request: FastifyRequest, @Body() form: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | void> {
    const s = await this.signedForm(request, form);
    if (s === 'expired') return this.redirect(reply, '/warehouse?error=bad_form');
    const batch = one(form.batch) ?? '';
    if (!/^bat_[0-9a-z]{26}$/.test(batch)) return this.redirect(reply, '/warehouse?error=NOT_FOUND');
    let ids: string[];
    try {
      ids = await this.warehouse.batchShipmentIds(batch);
    } catch {
      return this.redirect(reply, '/warehouse?error=NOT_FOUND');
    }
    return this.printIds(ids, one(form.action), s, reply, '/warehouse');
  }

  private async printIds(ids: string[], action: string | undefined, s: Signed, reply: FastifyReply, back: string): Promise<Buffer | void> {
    try {
      if (action === 'zpl') {
        await this.warehouse.sendToPrinter(ids, s.station);
        return this.redirect(reply, withQuery(back, 'notice=printed'));
      }
      const file = await this.warehouse.pdf(ids, s.station);
      void reply.headers(pdfHeaders()).header('Content-Disposition', `inline; filename="${file.filename}"`);
      return file.data;
    } catch (e) {
      if (e instanceof AppError) return this.redirect(reply, withQuery(back, `error=${e.code}`));
      throw e;
    }
  }

  @Post('handover')
  @Public()
  async handOver(@Req() request: FastifyRequest, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const s = await this.signedForm(request, form);
    if (s === 'expired') return this.redirect(reply, '/warehouse?error=bad_form');
    const back = backTo(form);
    try {
      const ids = many(form.ids);
      if (!ids.length) throw new AppError(409, 'NOTHING_TO_PRINT', 'no shipment chosen');
      await this.warehouse.handOver(ids, s.session.keyId);
      this.redirect(reply, withQuery(back, 'notice=handed_over'));
    } catch (e) {
      if (e instanceof AppError) return this.redirect(reply, withQuery(back, `error=${e.code}`));
      throw e;
    }
  }

  @Get('station')
  @Public()
  async station(@Req() request: FastifyRequest, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | void> {
    const s = await this.signed(request);
    if (!s) return this.redirect(reply, '/warehouse');
    return this.html(reply, stationPage(this.frame(s, query, 'Station settings'), this.printers.entries));
  }

  @Post('station')
  @Public()
  async saveStation(@Req() request: FastifyRequest, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const s = await this.signedForm(request, form);
    if (s === 'expired') return this.redirect(reply, '/warehouse?error=bad_form');
    const name = (one(form.name) ?? '').trim();
    const host = (one(form.printerHost) ?? '').trim();
    const port = Number(one(form.printerPort) || DEFAULT_PRINTER_PORT);
    const dpi = Number(one(form.labelDpi) ?? 203);
    const size = one(form.labelSize) ?? '4x6';
    const timeZone = (one(form.timeZone) ?? '').trim();
    const valid =
      /^[A-Za-z0-9 ._-]{1,60}$/.test(name) &&
      (host === '' || /^[A-Za-z0-9.-]{1,253}$|^\[?[0-9a-fA-F:]{2,39}\]?$/.test(host)) &&
      Number.isInteger(port) &&
      port >= 1 &&
      port <= 65535 &&
      (dpi === 203 || dpi === 300) &&
      ['4x6', 'a6', 'a4'].includes(size) &&
      (timeZone === '' || isTimeZone(timeZone));
    if (!valid) return this.redirect(reply, '/warehouse/station?error=bad_settings');
    if (host) {
      try {
        await this.printers.resolve(host, port);
      } catch (e) {
        if (e instanceof AppError) return this.redirect(reply, `/warehouse/station?error=${e.code}`);
        throw e;
      }
    }
    await this.stations.update(s.station.id, {
      name,
      printerHost: host || null,
      printerPort: port,
      labelFormat: host ? 'zpl' : 'pdf',
      labelSize: size as PrintStation['labelSize'],
      labelDpi: dpi as 203 | 300,
      ...(timeZone && { timeZone }),
    });
    this.redirect(reply, '/warehouse?notice=saved');
  }

  private frame(s: Signed, query: Form, title: string) {
    return { title, station: s.station, keyName: s.session.keyName, csrf: s.session.csrfToken, notice: one(query.notice), error: one(query.error) };
  }
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function many(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Back to the shipment page when one shipment was acted on, else to the station's home. */
function backTo(form: Form): string {
  const ids = many(form.ids);
  return ids.length === 1 && /^shp_[0-9a-z]{26}$/.test(ids[0]) && one(form.from) !== 'home' ? `/warehouse/shipments/${ids[0]}` : '/warehouse';
}

function withQuery(path: string, query: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
