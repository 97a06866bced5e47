import { html, raw, SafeHtml } from '../../public-tracking/render/html';
import type { ShipmentWithStatus } from '../../shipments/shipment.store';
import type { PrintStation } from '../print-station.store';

/** Messages a redirect may show; the URL carries only the code, never text. */
export const NOTICES: Record<string, string> = {
  printed: 'Labels sent to the printer.',
  handed_over: 'Handed to the carrier: tracking has started.',
  saved: 'Station settings saved.',
  signed_out: 'Signed out.',
};

export const ERRORS: Record<string, string> = {
  bad_key: 'That key is unknown, revoked, or lacks the shipments scope.',
  NO_PRINTER: 'This station has no network printer yet. Set one in the station settings.',
  PRINTER_NOT_ALLOWED: 'That printer is not on the list an administrator allowed (PRINTER_ALLOWED_HOSTS). Choose a listed printer or ask an administrator to add it.',
  PRINTER_UNREACHABLE: 'The printer did not take the job. Check that it is on and reachable, then try again.',
  NOTHING_TO_PRINT: 'Nothing to print: choose at least one booked shipment.',
  SHIPMENT_CANCELLED: 'That shipment is cancelled.',
  NOT_FOUND: 'Not found.',
  bad_settings: 'The station settings are invalid.',
  bad_form: 'The form expired. Please try again.',
};

interface Frame {
  title: string;
  station?: PrintStation;
  keyName?: string;
  csrf?: string;
  notice?: string;
  error?: string;
}

/** The page around every screen: a skip link, the station bar, messages, and a main landmark. */
export function page(frame: Frame, body: SafeHtml): string {
  const notice = frame.notice && NOTICES[frame.notice];
  const error = frame.error && ERRORS[frame.error];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} - Parcelwise print station</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/warehouse/assets/station.css">
<script src="/warehouse/assets/station.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar">
  <a class="brand" href="/warehouse">Parcelwise print station</a>
  ${frame.station
    ? html`<span class="station">${frame.station.name} &middot; ${frame.station.printerHost ? `printer ${frame.station.printerHost}:${frame.station.printerPort}` : 'no network printer'}</span>
  <nav><a href="/warehouse/station" accesskey="s">Station settings</a>
  <form method="post" action="/warehouse/logout" class="inline"><input type="hidden" name="_csrf" value="${frame.csrf}"><button type="submit">Sign out</button></form></nav>`
    : ''}
</header>
<main id="main">
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${body}
</main>
<iframe id="print-frame" title="Label for printing" hidden></iframe>
</body>
</html>`.value;
}

export function signInPage(error?: string): string {
  return page(
    { title: 'Sign in', error },
    html`<h1>Sign in</h1>
<form method="post" action="/warehouse/login" class="card">
  <label for="apiKey">API key with the shipments scope</label>
  <input id="apiKey" name="apiKey" type="password" autocomplete="off" required autofocus>
  <label for="station">Station</label>
  <input id="station" name="station" type="text" value="Station 1" maxlength="60" pattern="[A-Za-z0-9 ._\\-]{1,60}" required>
  <button type="submit">Sign in</button>
</form>`,
  );
}

function searchForm(value = ''): SafeHtml {
  return html`<form method="get" action="/warehouse/search" class="search" role="search">
  <label for="q">Scan a barcode or type a reference</label>
  <input id="q" name="q" type="search" value="${value}" autocomplete="off" autofocus required maxlength="200" accesskey="f">
  <button type="submit">Find</button>
</form>`;
}

function destination(s: ShipmentWithStatus): string {
  return [s.shipTo.city, s.shipTo.country].filter(Boolean).join(', ');
}

function shipmentRows(shipments: ShipmentWithStatus[], selectable: boolean): SafeHtml {
  return html`${shipments.map(
    (s) => html`<tr>
    ${selectable ? html`<td><input type="checkbox" name="ids" value="${s.id}" id="sel-${s.id}" aria-label="Select ${s.reference ?? s.id}"></td>` : ''}
    <td><a href="/warehouse/shipments/${s.id}">${s.reference ?? s.id}</a></td>
    <td>${s.carrier} / ${s.serviceName}</td>
    <td class="mono">${s.trackingNumber}</td>
    <td>${destination(s)}</td>
    <td>${s.parcels.length}</td>
    <td>${s.publicStatus}${s.printedAt ? ' (printed)' : ''}</td>
  </tr>`,
  )}`;
}

export function homePage(frame: Frame, today: ShipmentWithStatus[]): string {
  return page(
    frame,
    html`${searchForm()}
<section aria-labelledby="today-h">
  <h2 id="today-h">Not yet printed (${today.length})</h2>
  ${today.length
    ? html`<form method="post" action="/warehouse/print" id="today-form">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <input type="hidden" name="from" value="home">
  <table>
    <thead><tr><th scope="col"><span class="sr">Select</span></th><th scope="col">Reference</th><th scope="col">Carrier / service</th><th scope="col">Tracking number</th><th scope="col">Destination</th><th scope="col">Parcels</th><th scope="col">Status</th></tr></thead>
    <tbody>${shipmentRows(today, true)}</tbody>
  </table>
  <div class="actions">
    <button type="submit" name="action" value="pdf" formtarget="_blank" data-print-pdf accesskey="p">Print PDF</button>
    <button type="submit" name="action" value="zpl" accesskey="z">Send to label printer</button>
    <button type="submit" name="action" value="handover" formaction="/warehouse/handover" accesskey="h">Mark handed to carrier</button>
  </div>
</form>`
    : html`<p>Everything booked for today is printed.</p>`}
</section>
<section aria-labelledby="batch-h">
  <h2 id="batch-h">Print a batch</h2>
  <form method="post" action="/warehouse/batch" class="inline-form">
    <input type="hidden" name="_csrf" value="${frame.csrf}">
    <input type="hidden" name="from" value="home">
    <label for="batch">Batch id</label>
    <input id="batch" name="batch" type="text" pattern="bat_[0-9a-z]{26}" required autocomplete="off">
    <button type="submit" name="action" value="pdf" formtarget="_blank" data-print-pdf>Print PDF</button>
    <button type="submit" name="action" value="zpl">Send to label printer</button>
  </form>
</section>`,
  );
}

export function searchPage(frame: Frame, query: string, results: ShipmentWithStatus[]): string {
  return page(
    { ...frame, title: 'Search' },
    html`${searchForm(query)}
<h2>${results.length} shipment${results.length === 1 ? '' : 's'} for &ldquo;${query}&rdquo;</h2>
${results.length
  ? html`<table><thead><tr><th scope="col">Reference</th><th scope="col">Carrier / service</th><th scope="col">Tracking number</th><th scope="col">Destination</th><th scope="col">Parcels</th><th scope="col">Status</th></tr></thead>
<tbody>${shipmentRows(results, false)}</tbody></table>`
  : html`<p>No shipment matches. Check the code, or scan the label's barcode again.</p>`}`,
  );
}

export function shipmentPage(frame: Frame, s: ShipmentWithStatus): string {
  const printable = s.status === 'booked';
  return page(
    { ...frame, title: s.reference ?? s.id },
    html`${searchForm()}
<article class="card" aria-labelledby="shp-h">
  <h1 id="shp-h">${s.reference ?? s.id}</h1>
  <dl>
    <dt>Shipment</dt><dd class="mono">${s.id}</dd>
    <dt>Status</dt><dd id="status">${s.publicStatus}</dd>
    <dt>Carrier</dt><dd>${s.carrier} / ${s.serviceName}</dd>
    <dt>Ship date</dt><dd>${s.shipDate}</dd>
    <dt>To</dt><dd>${[s.shipTo.name ?? s.shipTo.company, s.shipTo.postalCode, s.shipTo.city, s.shipTo.country].filter(Boolean).join(', ')}</dd>
    <dt>Parcels</dt><dd><ol class="mono">${s.parcels.map((p) => html`<li>${p.trackingNumber} &middot; ${p.weightKg.toFixed(2)} kg</li>`)}</ol></dd>
    <dt>Printed</dt><dd id="printed">${s.printCount ? `${s.printCount} time${s.printCount === 1 ? '' : 's'}, first ${s.printedAt?.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'not yet'}</dd>
    <dt>Handed over</dt><dd id="handed-over">${s.handedOverAt ? `${s.handedOverAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'not yet'}</dd>
    ${s.customs.documents.length
      ? html`<dt>Customs papers</dt><dd>${s.customs.documents.map((d) => html`<a href="/warehouse/shipments/${s.id}/documents/${d}" target="_blank" data-print-pdf>${d.replace('_', ' ')}</a> `)}</dd>`
      : ''}
  </dl>
  ${printable
    ? html`<form method="post" action="/warehouse/print" class="actions">
    <input type="hidden" name="_csrf" value="${frame.csrf}">
    <input type="hidden" name="ids" value="${s.id}">
    <button type="submit" name="action" value="pdf" formtarget="_blank" data-print-pdf accesskey="p">${s.printCount ? 'Reprint' : 'Print'} PDF</button>
    <button type="submit" name="action" value="zpl" accesskey="z">${s.printCount ? 'Reprint' : 'Print'} on label printer</button>
    ${s.handedOverAt ? '' : html`<button type="submit" formaction="/warehouse/handover" accesskey="h">Mark handed to carrier</button>`}
  </form>`
    : html`<p>This shipment is ${s.publicStatus}; its label cannot be printed.</p>`}
</article>`,
  );
}

export function stationPage(frame: Frame, allowedPrinters: string[]): string {
  const s = frame.station!;
  const option = (value: string, current: string, label: string) => html`<option value="${value}"${raw(value === current ? ' selected' : '')}>${label}</option>`;
  return page(
    { ...frame, title: 'Station settings' },
    html`<h1>Station settings</h1>
<form method="post" action="/warehouse/station" class="card">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="name">Station name</label>
  <input id="name" name="name" value="${s.name}" maxlength="60" required>
  <label for="printerHost">Label printer address (host name or IP; empty for none)</label>
  <input id="printerHost" name="printerHost" value="${s.printerHost ?? ''}" maxlength="255" autocomplete="off" aria-describedby="printers-hint">
  <p id="printers-hint" class="hint">${allowedPrinters.length
    ? `Printers an administrator allowed: ${allowedPrinters.join(', ')} (port 9100 where none is given).`
    : 'Network printing is off: an administrator lists the allowed printers in PRINTER_ALLOWED_HOSTS.'}</p>
  <label for="printerPort">Printer port (raw TCP)</label>
  <input id="printerPort" name="printerPort" type="number" min="1" max="65535" value="${s.printerPort}">
  <label for="timeZone">Time zone of this desk (e.g. Europe/Berlin; empty: each shipment's origin)</label>
  <input id="timeZone" name="timeZone" value="${s.timeZone ?? ''}" maxlength="64" autocomplete="off">
  <label for="labelDpi">Printer resolution</label>
  <select id="labelDpi" name="labelDpi">${option('203', String(s.labelDpi), '203 dpi')}${option('300', String(s.labelDpi), '300 dpi')}</select>
  <label for="labelSize">PDF paper</label>
  <select id="labelSize" name="labelSize">${option('4x6', s.labelSize, '4x6 in label')}${option('a6', s.labelSize, 'A6')}${option('a4', s.labelSize, 'A4 sheet')}</select>
  <button type="submit">Save</button>
</form>`,
  );
}
