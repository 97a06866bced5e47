import { IANAZone } from 'luxon';
import { wallClockMs } from '../domain/event-time-text';
import { CATALOGS, HTML_LANG, Language } from './languages';
import type { MessageKey, Messages } from './messages.en';

/** A formatted moment: the text in the reader's language and the zone it is expressed in. */
export interface FormattedTime {
  /** Date and time, e.g. `Fri, 27 Nov 2026, 14:05`. */
  text: string;
  /** The zone named in the reader's language (`Central European Standard Time`), an offset (`UTC+05:30`), or the "zone not reported" text. */
  zone: string;
}

/**
 * Texts and formats of one language and locale. Plain TypeScript (no framework) so that the page,
 * the JSON and the tests format the same way.
 */
export class Translator {
  private readonly messages: Messages;
  private readonly countries: Intl.DisplayNames;
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();
  /** Building an Intl formatter costs far more than using one: keep them per zone and kind. */
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();
  /** Prefix of this translator's entries in the shared memos below. */
  private readonly memoKey: string;

  constructor(
    readonly language: Language,
    readonly locale: string,
  ) {
    this.messages = CATALOGS[language];
    this.memoKey = `${language}|${locale}|`;
    this.countries = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  }

  get htmlLang(): string {
    return HTML_LANG[this.language];
  }

  /** The text for `key` with `{name}` placeholders filled in. */
  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const text = this.messages[key];
    if (!text.includes('{')) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }

  /** A message key built at run time (status codes), or undefined when the catalog has none. */
  maybe(key: string, params: Record<string, string | number> = {}): string | undefined {
    return key in this.messages ? this.t(key as MessageKey, params) : undefined;
  }

  /** A country's name in the reader's language (`DE` -> `Deutschland`), or the code itself. */
  country(code: string | null | undefined): string | null {
    if (!code) return null;
    const key = this.memoKey + code;
    let name = countryNames.get(key);
    if (name === undefined) {
      try {
        name = this.countries.of(code.toUpperCase()) ?? code;
      } catch {
        name = code;
      }
      remember(countryNames, key, name, MAX_REMEMBERED_COUNTRIES);
    }
    return name;
  }

  /**
   * A wall-clock time where an event happened, shown as that local time (never converted to the
   * reader's zone) and with its zone named: the IANA zone's localized long name when the zone is
   * known, the UTC offset when only that is known, and "zone not reported" otherwise.
   */
  eventTime(local: string, utcOffsetMinutes: number | null, zone: string | null): FormattedTime {
    const key = `${this.memoKey}${local}|${utcOffsetMinutes ?? ''}|${zone ?? ''}`;
    let formatted = eventTimes.get(key);
    if (!formatted) {
      formatted = Object.freeze(this.formatEventTime(local, utcOffsetMinutes, zone));
      remember(eventTimes, key, formatted, MAX_REMEMBERED_TIMES);
    }
    return formatted;
  }

  private formatEventTime(local: string, utcOffsetMinutes: number | null, zone: string | null): FormattedTime {
    const wall = wallClockMs(local);
    if (wall === undefined) return { text: local, zone: utcOffsetMinutes === null ? this.t('timeline.zoneUnknown') : offsetName(utcOffsetMinutes) };
    if (zone && isZone(zone)) {
      // The instant: from the offset the carrier gave, else from the zone's offset at that wall time.
      const z = IANAZone.create(zone);
      const offset = utcOffsetMinutes ?? z.offset(wall - z.offset(wall) * 60_000);
      const instant = new Date(wall - offset * 60_000);
      const zoneName = this.format(zone, 'zone').formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
      return { text: this.format(zone, 'time').format(instant), zone: zoneName ?? zone };
    }
    // No usable zone: format the wall time as it is (read as UTC only to keep it from being shifted).
    const text = this.format('UTC', 'time').format(new Date(wall));
    return { text, zone: utcOffsetMinutes === null ? this.t('timeline.zoneUnknown') : offsetName(utcOffsetMinutes) };
  }

  /** A calendar date (`2026-12-01`, or the date part of a date-time) as `Tue, 1 Dec`. */
  date(isoDate: string): string {
    const key = this.memoKey + isoDate;
    let text = dates.get(key);
    if (text === undefined) {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
      const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
      text = !at || Number.isNaN(at.getTime()) ? isoDate : this.format('UTC', 'date').format(at);
      remember(dates, key, text, MAX_REMEMBERED_DATES);
    }
    return text;
  }

  /** A decimal-string amount in its currency, keeping the amount's own decimals. */
  money(amount: string, currency: string): string {
    const decimals = amount.includes('.') ? amount.split('.')[1].length : 0;
    const key = `${currency}:${decimals}`;
    let format = this.moneyFormats.get(key);
    if (!format) {
      try {
        format = new Intl.NumberFormat(this.locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      } catch {
        return `${amount} ${currency}`;
      }
      this.moneyFormats.set(key, format);
    }
    return format.format(Number(amount));
  }

  private format(zone: string, kind: 'time' | 'zone' | 'date'): Intl.DateTimeFormat {
    const key = `${kind}|${zone}`;
    let f = this.dateFormats.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(this.locale, { ...FORMATS[kind], timeZone: zone });
      if (this.dateFormats.size < 500) this.dateFormats.set(key, f);
    }
    return f;
  }
}

const FORMATS: Record<'time' | 'zone' | 'date', Intl.DateTimeFormatOptions> = {
  time: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  zone: { timeZoneName: 'long' },
  date: { weekday: 'short', day: 'numeric', month: 'short' },
};

/**
 * Formatting with a zone still costs microseconds per call (the zone's rules are consulted), and a
 * page shows the same stored event times to every reader: answers (pure functions of the language,
 * the locale and the arguments) are kept, shared by all translators and bounded in total, since
 * Accept-Language can make up to 200 translators.
 */
const eventTimes = new Map<string, FormattedTime>();
const dates = new Map<string, string>();
const countryNames = new Map<string, string>();
const MAX_REMEMBERED_TIMES = 20_000;
const MAX_REMEMBERED_DATES = 5_000;
const MAX_REMEMBERED_COUNTRIES = 5_000;

/** Adds to a bounded memo; a full one starts over (cheaper than LRU bookkeeping, and rare). */
function remember<V>(memo: Map<string, V>, key: string, value: V, max: number): void {
  if (memo.size >= max) memo.clear();
  memo.set(key, value);
}

const zoneValidity = new Map<string, boolean>();

function isZone(zone: string): boolean {
  let ok = zoneValidity.get(zone);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, ok);
  }
  return ok;
}

/** `UTC`, `UTC+01:00`, `UTC-05:30`. */
export function offsetName(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const cache = new Map<string, Translator>();

/** Translators are immutable and cheap to share: one per language and locale. */
export function translatorFor(language: Language, locale: string): Translator {
  const key = `${language}|${locale}`;
  let t = cache.get(key);
  if (!t) {
    t = new Translator(language, locale);
    if (cache.size < 200) cache.set(key, t);
  }
  return t;
}
